import { POSTURE_CLASSES } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import { isPostureClass, labelTable, mapLabel } from './label-map.js';

describe('mapLabel', () => {
  it('maps the UCI HAPT activities to Haltung classes, stairs counting as walking', () => {
    expect(mapLabel('WALKING')).toBe('walking');
    expect(mapLabel('WALKING_UPSTAIRS')).toBe('walking');
    expect(mapLabel('WALKING_DOWNSTAIRS')).toBe('walking');
    expect(mapLabel('STANDING')).toBe('standing');
    expect(mapLabel('SITTING')).toBe('sitting');
    expect(mapLabel('LAYING')).toBe('lying');
  });

  it('marks the six HAPT postural transitions as transition, which is not a posture class', () => {
    for (const t of [
      'STAND_TO_SIT',
      'SIT_TO_STAND',
      'SIT_TO_LIE',
      'LIE_TO_SIT',
      'STAND_TO_LIE',
      'LIE_TO_STAND',
    ]) {
      expect(mapLabel(t)).toBe('transition');
      expect(isPostureClass(mapLabel(t))).toBe(false);
    }
  });

  it("uses Haltung's own class names verbatim, in any case and with blanks around", () => {
    for (const c of POSTURE_CLASSES) {
      expect(mapLabel(c)).toBe(c);
      expect(mapLabel(` ${c.toUpperCase()} `)).toBe(c);
    }
  });

  it("maps the simulator's activities (stoop lift and squat lift are both lifting)", () => {
    expect(mapLabel('stoop_bend')).toBe('stooping');
    expect(mapLabel('kneeling')).toBe('squatting_kneeling');
    expect(mapLabel('squatting')).toBe('squatting_kneeling');
    expect(mapLabel('stoop_lift')).toBe('lifting');
    expect(mapLabel('squat_lift')).toBe('lifting');
    expect(mapLabel('overhead_work')).toBe('overhead');
    expect(mapLabel('carrying')).toBe('walking');
    expect(mapLabel('standing_to_sitting')).toBe('transition');
    expect(mapLabel('kneeling_to_standing')).toBe('transition');
  });

  it('reports labels it does not know as unknown instead of guessing', () => {
    expect(mapLabel('JOGGING')).toBe('unknown');
    expect(mapLabel('')).toBe('unknown');
    expect(isPostureClass('unknown')).toBe(false);
  });

  it('publishes a table covering every Haltung class', () => {
    const targets = new Set(labelTable().map(([, c]) => c));
    for (const c of POSTURE_CLASSES) expect(targets.has(c)).toBe(true);
  });
});
