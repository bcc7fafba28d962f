import { describe, expect, it } from 'vitest';
import { meanAbsoluteError, scoreClassification, spread } from './classification-metrics.js';

describe('scoreClassification', () => {
  // Worked by hand: a: tp 2, fn 1, fp 1 → P 2/3, R 2/3; b: tp 1, fn 1, fp 1 → P 1/2, R 1/2; c: tp 1.
  const truth = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'a', 'c'];
  const report = scoreClassification(truth, predicted, ['a', 'b', 'c']);

  it('computes precision, recall and F1 per class', () => {
    expect(report.perClass.a?.precision).toBeCloseTo(2 / 3, 10);
    expect(report.perClass.a?.recall).toBeCloseTo(2 / 3, 10);
    expect(report.perClass.b?.f1).toBeCloseTo(0.5, 10);
    expect(report.perClass.c).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
  });

  it('averages F1 over classes without weighting (macro-F1) and counts accuracy', () => {
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 10);
    expect(report.accuracy).toBeCloseTo(4 / 6, 10);
  });

  it('fills the confusion matrix as [true][predicted]', () => {
    expect(report.confusion).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('ignores truths outside the scored classes but counts predictions outside them as misses', () => {
    const r = scoreClassification(['a', 'x', 'b'], ['z', 'a', 'b'], ['a', 'b']);
    expect(r.count).toBe(2);
    expect(r.perClass.a).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.perClass.b?.f1).toBe(1);
    expect(r.macroF1).toBe(0.5);
  });

  it('leaves classes without true windows out of the macro average', () => {
    const r = scoreClassification(['a', 'a'], ['a', 'a'], ['a', 'b']);
    expect(r.macroF1).toBe(1);
    expect(r.perClass.b?.support).toBe(0);
  });

  it('refuses series of different length', () => {
    expect(() => scoreClassification(['a'], [], ['a'])).toThrow(/1 labels but predicted has 0/);
  });
});

describe('spread', () => {
  it('names the worst and best subject and takes the median', () => {
    expect(spread({ s1: 0.9, s2: 0.7, s3: 0.95 })).toEqual({
      worst: { subject: 's2', value: 0.7 },
      median: 0.9,
      best: { subject: 's3', value: 0.95 },
    });
    expect(spread({ a: 1, b: 2, c: 3, d: 4 })?.median).toBe(2.5);
    expect(spread({})).toBeUndefined();
  });
});

describe('meanAbsoluteError', () => {
  it('averages absolute differences and skips NaN pairs', () => {
    expect(meanAbsoluteError([0, 10, Number.NaN], [2, 7, 5])).toBe(2.5);
  });
});
