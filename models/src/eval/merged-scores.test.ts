import { describe, expect, it } from 'vitest';
import { LOW_WORK_MERGE, scoreMerged } from './merged-scores.js';

describe('scoreMerged', () => {
  const classes = ['standing', 'stooping', 'squatting_kneeling'];
  const rows = [
    { subject: 'a', label: 'stooping', predicted: 'squatting_kneeling' },
    { subject: 'a', label: 'squatting_kneeling', predicted: 'stooping' },
    { subject: 'a', label: 'stooping', predicted: 'stooping' },
    { subject: 'b', label: 'standing', predicted: 'stooping' },
    { subject: 'b', label: 'standing', predicted: 'standing' },
  ];

  it('no longer counts a stoop read as a squat (or back) as an error once the two are merged', () => {
    const s = scoreMerged(rows, (r) => r.predicted, classes, LOW_WORK_MERGE);
    expect(s.classes).toEqual(['standing', 'stooping_or_squatting']);
    expect(s.confusion).toEqual([
      [1, 1],
      [0, 3],
    ]);
    expect(s.accuracy).toBeCloseTo(4 / 5, 10);
    expect(Object.keys(s.perSubject).sort()).toEqual(['a', 'b']);
  });

  it('still counts an upright worker read as bent as an error', () => {
    const s = scoreMerged(rows, (r) => r.predicted, classes, LOW_WORK_MERGE);
    expect(s.perClass.standing?.recall).toBe(0.5);
    expect(s.perClass.stooping_or_squatting?.precision).toBeCloseTo(3 / 4, 10);
  });
});
