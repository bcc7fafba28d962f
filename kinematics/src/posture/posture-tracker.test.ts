import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../math/vec3.js';
import type { RawSample } from '../types.js';
import { PostureTracker } from './posture-tracker.js';

fc.configureGlobal({ seed: 20261125 });

const vec = (max: number) =>
  fc.tuple(
    fc.double({ min: -max, max, noNaN: true }),
    fc.double({ min: -max, max, noNaN: true }),
    fc.double({ min: -max, max, noNaN: true }),
  );

describe('PostureTracker', () => {
  it('never throws and reports finite angles for any input, including zero, saturated and invalid samples', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dtMs: fc.double({ min: -50, max: 800, noNaN: true }),
            acc: fc.oneof(vec(160), fc.constant<Vec3>([0, 0, 0]), fc.constant<Vec3>([Number.NaN, 0, 0])),
            gyro: fc.option(vec(35), { nil: null }),
          }),
          { maxLength: 400 },
        ),
        fc.constantFrom('trunk', 'pelvis', 'upper_arm_left') as fc.Arbitrary<
          'trunk' | 'pelvis' | 'upper_arm_left'
        >,
        (steps, placement) => {
          const tracker = new PostureTracker({ placement });
          let tMs = 0;
          for (const { dtMs, acc, gyro } of steps) {
            tMs += dtMs;
            const sample: RawSample = { tMs, acc, gyro };
            for (const p of tracker.push(sample)) {
              for (const v of [
                p.inclinationDeg,
                p.trunkFlexionDeg,
                p.sideBendDeg,
                p.dynamicAccMs2,
                p.tiltRateDegS,
              ]) {
                expect(Number.isFinite(v)).toBe(true);
              }
              expect(p.inclinationDeg).toBeGreaterThanOrEqual(0);
              expect(p.inclinationDeg).toBeLessThanOrEqual(180);
              expect(Number.isNaN(p.twistRateDegS)).toBe(!p.hasGyro);
              expect(Number.isNaN(p.armElevationDeg)).toBe(placement !== 'upper_arm_left');
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
