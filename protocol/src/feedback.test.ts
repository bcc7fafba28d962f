import { describe, expect, it } from 'vitest';
import { decodeControl, decodeFeedback, decodeWarning, type Warning } from './feedback.js';
import {
  FEEDBACK_MESSAGES,
  renderFeedbackMessage,
  WORKER_LANGUAGES,
  warningMessageKey,
} from './feedback-messages.js';
import { HAZARD_TYPES } from './vocabulary.js';

const warning: Warning = {
  v: 1,
  kind: 'warning',
  warningId: 'w-1',
  tMs: 1_764_000_010_000,
  onsetMs: 1_764_000_000_000,
  hazard: 'trunk_flexion_severe',
  severity: 'warning',
  vibration: 'firm',
  messageKey: warningMessageKey('trunk_flexion_severe'),
  params: { angle: 72.4, held: 10, limit: 10 },
  reason: {
    measure: 'trunk_flexion',
    value: 72.4,
    unit: 'deg',
    heldS: 10,
    limitS: 10,
    threshold: 60,
    rule: 'trunk-severe',
  },
};

describe('feedback to the wearable', () => {
  it('a warning round-trips and says what, how long and which limit', () => {
    const r = decodeWarning(JSON.stringify(warning));
    expect(r.ok && r.value.reason).toEqual(warning.reason);
  });

  it('acknowledge and snooze messages parse; unknown kinds and snoozes over an hour do not', () => {
    expect(decodeControl('{"v":1,"kind":"ack","warningId":"w-1"}').ok).toBe(true);
    expect(decodeControl('{"v":1,"kind":"snooze","durationS":600}').ok).toBe(true);
    expect(decodeControl('{"v":1,"kind":"snooze","durationS":7200}').ok).toBe(false);
    expect(decodeControl('{"v":1,"kind":"calibrate"}').ok).toBe(true);
    expect(decodeControl('{"v":1,"kind":"calibrate","deviceId":"d1"}').ok).toBe(false);
    expect(decodeControl('{"v":1,"kind":"reboot"}').ok).toBe(false);
    expect(decodeControl('').ok).toBe(false);
  });

  it('every hazard has a message in German, English, Turkish and Polish', () => {
    for (const lang of WORKER_LANGUAGES) {
      for (const hazard of HAZARD_TYPES) {
        expect(FEEDBACK_MESSAGES[lang][warningMessageKey(hazard)], `${lang} ${hazard}`).toBeTruthy();
      }
    }
  });

  it('the feedback topic carries warnings and calibration results, each told apart by kind', () => {
    const w = decodeFeedback(JSON.stringify(warning));
    expect(w.ok && w.value.kind).toBe('warning');
    const done = { v: 1, kind: 'calibration', status: 'done', tMs: 1, messageKey: 'calibration.done' };
    const c = decodeFeedback(JSON.stringify(done));
    expect(c.ok && c.value.kind === 'calibration' && c.value.status).toBe('done');
    expect(decodeFeedback(JSON.stringify({ ...done, status: 'maybe' })).ok).toBe(false);
    // A wearable that only knows warnings refuses the result instead of misreading it.
    expect(decodeWarning(JSON.stringify(done)).ok).toBe(false);
    for (const lang of WORKER_LANGUAGES) {
      expect(FEEDBACK_MESSAGES[lang]['calibration.done'], lang).toBeTruthy();
      expect(FEEDBACK_MESSAGES[lang]['calibration.failed'], lang).toBeTruthy();
    }
  });

  it('renders the worker-facing text with the parameters, in the worker language', () => {
    expect(renderFeedbackMessage(warning.messageKey, warning.params, 'de')).toBe(
      'Rücken stark gebeugt (72°). Aufrichten oder in die Knie gehen.',
    );
    expect(
      renderFeedbackMessage('warning.trunk_flexion_held', { angle: 35, held: 150, limit: 150 }, 'en'),
    ).toBe('Back bent 35° for 150 s (limit 150 s). Straighten up.');
    // An unknown language falls back to English rather than showing nothing.
    expect(renderFeedbackMessage('warning.lift_stooped', {}, 'xx')).toMatch(/Bend your knees/);
  });
});
