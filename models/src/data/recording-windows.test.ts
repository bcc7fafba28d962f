import { FEATURE_COUNT, FEATURE_INDEX, MODEL_FEATURE_COUNT } from '@haltung/kinematics';
import { describe, expect, it } from 'vitest';
import { windowStream } from './recording-windows.js';

/** A still, upright sensor (x up) for `seconds` at `rateHz`, labelled by `labelAt`. */
function still(seconds: number, rateHz: number, labelAt: (tS: number) => string) {
  const count = seconds * rateHz;
  const tMs = Float64Array.from({ length: count }, (_, i) => (i * 1000) / rateHz);
  const acc = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) acc[3 * i] = 9.81;
  return { count, tMs, acc, gyro: null, labels: Array.from(tMs, (t) => labelAt(t / 1000)) };
}

describe('windowStream', () => {
  it('gives 2 s windows every 0.4 s at any input rate, with one feature vector each', () => {
    for (const rate of [25, 50, 100]) {
      const w = windowStream(
        still(20, rate, () => 'STANDING'),
        { placement: 'pelvis' },
      );
      expect(w.count).toBeGreaterThanOrEqual(44);
      expect(w.count).toBeLessThanOrEqual(46);
      expect(w.features.length).toBe(w.count * FEATURE_COUNT);
      expect((w.tEndMs[1] as number) - (w.tEndMs[0] as number)).toBe(400);
      expect((w.tEndMs[0] as number) - (w.tStartMs[0] as number)).toBe(1960);
    }
  });

  it('labels a window by the mapped label of its samples and marks windows across a change as transition', () => {
    const w = windowStream(
      still(20, 50, (t) => (t < 10 ? 'STANDING' : 'SITTING')),
      { placement: 'pelvis' },
    );
    const at = (tS: number) => w.label[w.tEndMs.findIndex((t) => t >= tS * 1000)];
    expect(at(5)).toBe('standing');
    expect(at(10.8)).toBe('transition');
    expect(at(15)).toBe('sitting');
  });

  it('averages per-sample series over each window', () => {
    const s = still(10, 50, () => 'STANDING');
    const w = windowStream(
      { ...s, series: { truth: Float32Array.from(s.tMs, (t) => (t < 5000 ? 10 : 30)) } },
      {
        placement: 'trunk',
      },
    );
    expect(w.series.truth?.[0]).toBeCloseTo(10, 5);
    expect(w.series.truth?.[w.count - 1]).toBeCloseTo(30, 5);
  });

  it('puts a true height series in place of the height estimate only when asked (diagnosis)', () => {
    const s = still(10, 50, () => 'STANDING');
    const stream = { ...s, series: { trueHipHeightChangeM: Float32Array.from(s.tMs, () => -0.45) } };
    const oracle = windowStream(stream, { placement: 'pelvis', heightOracleSeries: 'trueHipHeightChangeM' });
    const plain = windowStream(stream, { placement: 'pelvis' });
    const last = oracle.count - 1;
    const f = (w: typeof plain, name: keyof typeof FEATURE_INDEX) =>
      w.features[last * FEATURE_COUNT + FEATURE_INDEX[name]] as number;
    expect(f(oracle, 'hip_height_change_m')).toBeCloseTo(-0.45, 5);
    expect(f(oracle, 'height_change_m')).toBeCloseTo(-0.45, 5);
    // The model's input carries it too, and a still sensor's own estimate stays near 0.
    expect(oracle.modelFeatures[last * MODEL_FEATURE_COUNT + FEATURE_INDEX.hip_height_change_m]).toBeCloseTo(
      -0.45,
      5,
    );
    expect(Math.abs(f(plain, 'hip_height_change_m'))).toBeLessThan(0.05);
    expect(oracle.label).toEqual(plain.label);
  });
});
