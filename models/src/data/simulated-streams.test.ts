import { FEATURE_COUNT, FEATURE_INDEX } from '@haltung/kinematics';
import { describe, expect, it } from 'vitest';
import { simulatedWindows, simulatedWindowsInParallel } from './simulated-streams.js';

describe('simulatedWindows', () => {
  it('adds an accelerometer-only twin of every sensor: same person and labels, gyroscope masked', () => {
    const plain = simulatedWindows({ seed: 3, workers: 1, seconds: 30 });
    const twins = simulatedWindows({ seed: 3, workers: 1, seconds: 30, accelerometerOnly: true });
    expect(plain.every((s) => s.gyroscope)).toBe(true);
    expect(twins).toHaveLength(2 * plain.length);
    for (const original of plain) {
      const twin = twins.find((s) => s.placement === original.placement && !s.gyroscope);
      if (!twin) throw new Error(`no accelerometer-only twin of ${original.file}`);
      expect(twin.person).toBe(original.person);
      expect(twin.windows.label).toEqual(original.windows.label);
      const hasGyro = (features: Float32Array) =>
        Array.from(
          { length: features.length / FEATURE_COUNT },
          (_, k) => features[k * FEATURE_COUNT + FEATURE_INDEX.has_gyro],
        );
      expect(new Set(hasGyro(original.windows.features))).toEqual(new Set([1]));
      expect(new Set(hasGyro(twin.windows.features))).toEqual(new Set([0]));
      // Without the gyroscope the angles come from the accelerometer alone (its accuracy is in the model card).
      expect(twin.windows.trunkFlexionDeg).not.toEqual(original.windows.trunkFlexionDeg);
    }
  });

  it('calibrates the workers asked to at their start stance, so a forward-leaning walk is not taken as upright', () => {
    // Worker 134 (seed 1) stands up straight, walks leaning 11–19° forward, then holds a twist bent
    // 18° right after: learned from the data, the walking mean and that still stance next to it
    // become the reference (they agree), and every later angle reads about 19° low.
    const plan = { seed: 1, workers: 400, seconds: 90, only: [134] };
    const trunk = (calibrates?: (i: number) => boolean) => {
      const stream = simulatedWindows({ ...plan, ...(calibrates && { calibrates }) }).find(
        (s) => s.placement === 'trunk',
      );
      if (!stream) throw new Error('worker 134 wears no trunk sensor');
      const w = stream.windows;
      let sum = 0;
      let n = 0;
      for (let k = 0; k < w.count; k++) {
        if (w.label[k] === 'transition' || !((w.tEndMs[k] as number) > 30_000)) continue;
        sum += Math.abs((w.trunkFlexionDeg[k] as number) - (w.series.trueFlexionDeg?.[k] as number));
        n++;
      }
      return sum / n;
    };
    const learned = trunk();
    const calibrated = trunk(() => true);
    expect(learned).toBeGreaterThan(10);
    expect(calibrated).toBeLessThan(5);
    // Only the workers asked press calibrate.
    expect(trunk((i) => i !== 134)).toBeCloseTo(learned, 6);
  });

  it('gives the same streams in the same order when split over threads', async () => {
    const plan = {
      seed: 3,
      workers: 8,
      seconds: 20,
      accelerometerOnly: true,
      calibrates: (i: number) => i % 3 === 0,
    };
    const progress: number[] = [];
    const parallel = await simulatedWindowsInParallel(plan, (done) => progress.push(done), 2);
    const serial = simulatedWindows(plan);
    expect(parallel.map((s) => s.file)).toEqual(serial.map((s) => s.file));
    parallel.forEach((s, k) => {
      const t = serial[k];
      expect(s.windows.label).toEqual(t?.windows.label);
      expect(s.windows.modelFeatures).toEqual(t?.windows.modelFeatures);
    });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  }, 60_000);
});
