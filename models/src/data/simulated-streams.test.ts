import { FEATURE_COUNT, FEATURE_INDEX } from '@haltung/kinematics';
import { describe, expect, it } from 'vitest';
import { simulatedWindows } from './simulated-streams.js';

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
});
