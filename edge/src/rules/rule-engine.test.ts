import { describe, expect, it } from 'vitest';
import { feed } from '../testing/posture-feed.js';
import { loadRules } from './load-rules.js';
import { RuleEngine } from './rule-engine.js';
import type { RuleHit } from './rule-hit.js';

const T0 = 1_700_000_000_000;
const rules = loadRules();
const engine = () => new RuleEngine(rules);
const secondsAfterStart = (hit: RuleHit | undefined) => (hit ? (hit.tMs - T0) / 1000 : Number.NaN);
const only = (hits: RuleHit[]) => hits.map((h) => `${h.ruleId}:${h.severity}`);

describe('trunk flexion 20–60° against the ISO 11226 holding time (240 s at 20° → 60 s at 60°)', () => {
  it('warns at 40° after exactly 150 s, not before, with the reason and message parameters', () => {
    const before = feed(engine(), [{ durationS: 149.9, trunk: 40 }]).hits;
    expect(before).toEqual([]);
    const { hits } = feed(engine(), [{ durationS: 151, trunk: 40 }]);
    expect(only(hits)).toEqual(['trunk-iso11226:warning']);
    const hit = hits[0] as RuleHit;
    expect(secondsAfterStart(hit)).toBeCloseTo(150, 1);
    expect(hit).toMatchObject({
      hazard: 'trunk_flexion_held',
      onsetMs: T0,
      measure: 'trunk_flexion',
      unit: 'deg',
      threshold: 20,
      limitS: 150,
      params: { angle: 40, held: 150, limit: 150 },
    });
  });

  it('uses 240 s at exactly 20°, 60 s at 60°, and never warns just below 20°', () => {
    expect(secondsAfterStart(feed(engine(), [{ durationS: 241, trunk: 20 }]).hits[0])).toBeCloseTo(240, 1);
    expect(secondsAfterStart(feed(engine(), [{ durationS: 61, trunk: 60 }]).hits[0])).toBeCloseTo(60, 1);
    expect(feed(engine(), [{ durationS: 600, trunk: 19.9 }]).hits).toEqual([]);
  });

  it('judges a drifting angle by its dose: half the time at 20°, half at 60° warns at 96 s', () => {
    // dose = t/2/240 + t/2/60 = 1 → t = 96 s
    const drifting = (tS: number) => (Math.floor(tS * 10) % 2 === 0 ? 20 : 60);
    expect(secondsAfterStart(feed(engine(), [{ durationS: 100, trunk: drifting }]).hits[0])).toBeCloseTo(
      96,
      0,
    );
  });

  it('escalates to high at twice the limit, once', () => {
    const { hits } = feed(engine(), [{ durationS: 400, trunk: 40 }]);
    expect(only(hits)).toEqual(['trunk-iso11226:warning', 'trunk-iso11226:high']);
    expect(secondsAfterStart(hits[1])).toBeCloseTo(300, 1);
  });

  it('hysteresis: a dip to 16° (above 20 − 5) keeps the episode; 14° for 0.8 s ends it', () => {
    const dipInBand = feed(engine(), [
      { durationS: 100, trunk: 40 },
      { durationS: 5, trunk: 16 },
      { durationS: 60, trunk: 40 },
    ]).hits;
    // the hold goes on (no dose during the dip): 150 s at 40° + 5 s of dip
    expect(secondsAfterStart(dipInBand[0])).toBeCloseTo(155, 1);
    expect(dipInBand[0]?.onsetMs).toBe(T0);

    const shortRecovery = feed(engine(), [
      { durationS: 100, trunk: 40 },
      { durationS: 0.7, trunk: 14 },
      { durationS: 60, trunk: 40 },
    ]).hits;
    expect(secondsAfterStart(shortRecovery[0])).toBeCloseTo(150.7, 1);

    const recovered = feed(engine(), [
      { durationS: 100, trunk: 40 },
      { durationS: 0.8, trunk: 14 },
      { durationS: 100, trunk: 40 },
    ]).hits;
    expect(recovered).toEqual([]);
  });
});

describe('trunk flexion beyond 60° held 10 s, and severe flexion beyond 85° at once', () => {
  it('warns at 61° after 10 s (not at 9.9 s) and escalates at 30 s; exactly 60° is not beyond', () => {
    expect(feed(engine(), [{ durationS: 9.9, trunk: 61 }]).hits).toEqual([]);
    const { hits } = feed(engine(), [{ durationS: 40, trunk: 61 }]);
    expect(only(hits)).toEqual(['trunk-over-60:warning', 'trunk-over-60:high']);
    expect(hits[0]).toMatchObject({ hazard: 'trunk_flexion_severe', limitS: 10, threshold: 60 });
    expect(secondsAfterStart(hits[0])).toBeCloseTo(10, 1);
    expect(secondsAfterStart(hits[1])).toBeCloseTo(30, 1);
    expect(only(feed(engine(), [{ durationS: 15, trunk: 60 }]).hits)).toEqual([]);
  });

  it('a deep stoop at 90° is one severe warning within 0.3 s, escalated at 10 s, and nothing else', () => {
    const { hits } = feed(engine(), [{ durationS: 120, trunk: 90 }]);
    expect(only(hits)).toEqual(['trunk-severe:warning', 'trunk-severe:high']);
    expect(secondsAfterStart(hits[0])).toBeLessThanOrEqual(0.3);
    expect(hits[0]?.params.angle).toBe(90);
    expect(secondsAfterStart(hits[1])).toBeCloseTo(10, 1);
  });

  it('84° is not severe; 86° is', () => {
    expect(only(feed(engine(), [{ durationS: 5, trunk: 84 }]).hits)).toEqual([]);
    expect(only(feed(engine(), [{ durationS: 5, trunk: 86 }]).hits)).toEqual(['trunk-severe:warning']);
  });

  it('cool-down: three quick deep bends within 30 s are one warning', () => {
    const bend = [
      { durationS: 2, trunk: 90 },
      { durationS: 5, trunk: 5 },
    ];
    const { hits } = feed(engine(), [...bend, ...bend, ...bend, { durationS: 60, trunk: 5 }]);
    expect(only(hits)).toEqual(['trunk-severe:warning']);
  });

  it('a new episode after the cool-down warns again', () => {
    const { hits } = feed(engine(), [
      { durationS: 2, trunk: 90 },
      { durationS: 40, trunk: 5 },
      { durationS: 2, trunk: 90 },
    ]);
    expect(only(hits)).toEqual(['trunk-severe:warning', 'trunk-severe:warning']);
  });

  it('an acknowledged episode is not escalated', () => {
    const e = engine();
    const first = feed(e, [{ durationS: 1, trunk: 90 }]);
    const hit = first.hits[0] as RuleHit;
    expect(e.acknowledge(hit.ruleId, hit.onsetMs)).toBe(true);
    const rest = feed(e, [{ durationS: 30, trunk: 90 }], { startMs: first.endMs }).hits;
    expect(rest).toEqual([]);
    expect(e.acknowledge(hit.ruleId, hit.onsetMs + 1)).toBe(false);
  });

  it('a gap interrupts the hold: 8 s + gap + 8 s at 61° does not warn', () => {
    const e = engine();
    const first = feed(e, [{ durationS: 8, trunk: 61 }]);
    e.interrupt();
    expect(feed(e, [{ durationS: 8, trunk: 61 }], { startMs: first.endMs + 5000 }).hits).toEqual([]);
  });
});

describe('side bend, arm elevation and overhead work', () => {
  it('warns a side bend beyond 20° to either side after 10 s as trunk_twist', () => {
    for (const side of [-25, 25]) {
      const { hits } = feed(engine(), [{ durationS: 11, trunk: 5, side }]);
      expect(only(hits)).toEqual(['trunk-side-bend:warning']);
      expect(hits[0]).toMatchObject({ hazard: 'trunk_twist', measure: 'trunk_side_bend' });
      expect(secondsAfterStart(hits[0])).toBeCloseTo(10, 1);
    }
    expect(feed(engine(), [{ durationS: 30, trunk: 5, side: 19 }]).hits).toEqual([]);
  });

  it('arm 20–60° warns at its ISO 11226 limit (180 s at 20° → 60 s at 60°)', () => {
    const { hits } = feed(engine(), [{ durationS: 130, arm: 40 }]);
    expect(only(hits)).toEqual(['arm-iso11226:warning']);
    expect(secondsAfterStart(hits[0])).toBeCloseTo(120, 1);
  });

  it('arm beyond 60° held 10 s warns; beyond 90° held 4 s is overhead work, not both', () => {
    const raised = feed(engine(), [{ durationS: 12, arm: 70 }]).hits;
    expect(only(raised)).toEqual(['arm-over-60:warning']);
    expect(secondsAfterStart(raised[0])).toBeCloseTo(10, 1);
    const overhead = feed(engine(), [{ durationS: 20, arm: 120 }]).hits;
    expect(only(overhead)).toEqual(['arm-overhead:warning']);
    expect(overhead[0]).toMatchObject({ hazard: 'arm_overhead', params: { angle: 120, held: 4 } });
    expect(secondsAfterStart(overhead[0])).toBeCloseTo(4, 1);
  });

  it('a trunk-only device never gets arm warnings', () => {
    expect(feed(engine(), [{ durationS: 300, trunk: 5 }]).hits).toEqual([]);
  });
});

describe('bending frequency (EN 1005-4: bends beyond 20° at ≥ 2/min over 5 min)', () => {
  const bends = (perMin: number, minutes: number) => {
    const periodS = 60 / perMin;
    return Array.from({ length: Math.round(perMin * minutes) }, () => [
      { durationS: 1.5, trunk: 40 },
      { durationS: periodS - 1.5, trunk: 5 },
    ]).flat();
  };

  it('warns at the 10th bend within 5 minutes at 3 bends a minute, with rate and count', () => {
    const { hits } = feed(engine(), bends(3, 6));
    expect(only(hits)).toEqual(['bending-frequency:warning']);
    expect(secondsAfterStart(hits[0])).toBeCloseTo(9 * 20, 0);
    expect(hits[0]).toMatchObject({ measure: 'bends', unit: 'per_min', params: { rate: 2, count: 10 } });
  });

  it('one bend a minute never warns, however long', () => {
    expect(feed(engine(), bends(1, 30)).hits).toEqual([]);
  });

  it('escalates at ≥ 10 bends a minute', () => {
    const severities = feed(engine(), bends(12, 5)).hits.map((h) => h.severity);
    expect(severities).toEqual(['warning', 'high']);
  });
});

describe('lifts', () => {
  it('a stooped lift warns at once, a squat lift does not; 3 stooped lifts in 5 min escalate', () => {
    const e = engine();
    const hits: RuleHit[] = [];
    e.onLift({ tMs: T0, stooped: false }, hits);
    expect(hits).toEqual([]);
    e.onLift({ tMs: T0 + 10_000, stooped: true }, hits);
    expect(only(hits)).toEqual(['lift-stooped:warning']);
    expect(hits[0]).toMatchObject({ hazard: 'lift_stooped', onsetMs: T0 + 10_000, params: { count: 1 } });
    e.onLift({ tMs: T0 + 20_000, stooped: true }, hits); // in the 60 s cool-down
    e.onLift({ tMs: T0 + 30_000, stooped: true }, hits); // third in 5 min: escalates
    expect(only(hits)).toEqual(['lift-stooped:warning', 'lift-stooped:high']);
  });

  it('lifting frequency: 5 lifts a minute warn at the 20th lift within 5 minutes', () => {
    const e = engine();
    const hits: RuleHit[] = [];
    for (let i = 0; i < 30; i++) e.onLift({ tMs: T0 + i * 12_000, stooped: false }, hits);
    expect(only(hits)).toEqual(['lifting-frequency:warning']);
    expect(hits[0]).toMatchObject({ tMs: T0 + 19 * 12_000, params: { rate: 4, count: 20 } });
  });
});
