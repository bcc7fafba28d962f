import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAxisAngle, type Quat } from '../math/quat.js';
import type { PostureSample } from '../posture/posture-sample.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { bodyPose, ramp, synthesize, walkingAcc, walkingSway } from '../testing/synth.js';
import type { RawSample } from '../types.js';
import { extractFeatures } from './extract-features.js';
import { FEATURE_INDEX as F, FEATURE_COUNT, FEATURE_NAMES } from './feature-names.js';
import { Windower } from './windower.js';

fc.configureGlobal({ seed: 20261125 });

/** Stand, walk 10 s, stand, bend 50° forward and hold, straighten, twist: 32 s of a trunk sensor. */
function workday(mount: Quat, gyro: boolean): RawSample[] {
  // Smooth on/off so the synthetic gyroscope sees no impossible jump in the pose.
  const gait = (t: number) => ramp(t, 4, 4.5) * (1 - ramp(t, 13.5, 14));
  return synthesize({
    rateHz: 50,
    durationS: 32,
    mount,
    gyro,
    accNoise: 0.04,
    seed: 11,
    pose: (t) => {
      const sway = walkingSway(t);
      const flex = gait(t) * sway.flexDeg + 50 * (ramp(t, 20, 22) - ramp(t, 25, 27));
      return bodyPose(flex, gait(t) * sway.sideDeg, 25 * ramp(t, 28, 30));
    },
    linearAcc: (t) => {
      const a = walkingAcc(t);
      return [gait(t) * a[0], gait(t) * a[1], gait(t) * a[2]];
    },
  });
}

function featuresAt(raw: RawSample[], endS: number): Float32Array {
  const tracker = new PostureTracker({ placement: 'trunk' });
  const windower = new Windower<PostureSample>();
  const windows = windower.pushAll(raw.flatMap((s) => tracker.push(s)));
  const w = windows.find((win) => (win.at(-1)?.tMs ?? 0) >= endS * 1000);
  if (!w) throw new Error(`no window ending at ${endS} s`);
  return extractFeatures(w);
}

const sampleArb: fc.Arbitrary<PostureSample> = fc.record({
  tMs: fc.integer({ min: 0, max: 1e9 }),
  segment: fc.constant(0),
  up: fc.tuple(
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  ),
  upWearer: fc.tuple(
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  ),
  inclinationDeg: fc.double({ min: 0, max: 180, noNaN: true }),
  trunkFlexionDeg: fc.double({ min: -180, max: 180, noNaN: true }),
  sideBendDeg: fc.double({ min: -90, max: 90, noNaN: true }),
  twistRateDegS: fc.oneof(fc.constant(Number.NaN), fc.double({ min: -500, max: 500, noNaN: true })),
  hasGyro: fc.boolean(),
  tiltRateDegS: fc.double({ min: 0, max: 1000, noNaN: true }),
  armElevationDeg: fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 180, noNaN: true })),
  dynamicAccMs2: fc.double({ min: 0, max: 100, noNaN: true }),
  verticalAccMs2: fc.double({ min: -100, max: 100, noNaN: true }),
  horizontalAccMs2: fc.double({ min: 0, max: 100, noNaN: true }),
  accNormMs2: fc.double({ min: 0, max: 160, noNaN: true }),
  still: fc.boolean(),
  walking: fc.boolean(),
  secondsSinceWalking: fc.double({ min: 0, max: 600, noNaN: true }),
  referenceReady: fc.boolean(),
  forwardReady: fc.boolean(),
  referenceSource: fc.constantFrom('none', 'still', 'walking', 'standing', 'fixed'),
  placement: fc.constantFrom('trunk', 'pelvis', 'upper_arm_left', 'upper_arm_right'),
  heightChangeM: fc.double({ min: -1.2, max: 0.5, noNaN: true }),
  hipHeightChangeM: fc.oneof(fc.constant(Number.NaN), fc.double({ min: -1.2, max: 1, noNaN: true })),
});

describe('extractFeatures', () => {
  it('returns FEATURE_COUNT finite values for any window, with unique documented names', () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_COUNT);
    fc.assert(
      fc.property(fc.array(sampleArb, { minLength: 1, maxLength: 60 }), (window) => {
        const f = extractFeatures(window);
        expect(f.length).toBe(FEATURE_COUNT);
        expect(f.every((v) => Number.isFinite(v))).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(extractFeatures([])).toEqual(new Float32Array(FEATURE_COUNT));
  });

  it('gives the same posture features whatever way the sensor is mounted', () => {
    const a = featuresAt(workday(fromAxisAngle([0, 0, 1], 0), false), 24.5);
    const b = featuresAt(workday(fromAxisAngle([0.3, -0.7, 0.6], 2.2), false), 24.5);
    expect(a[F.forward_ready]).toBe(1);
    for (const name of ['incl_mean_deg', 'flex_mean_deg', 'side_mean_deg', 'incl_max_deg'] as const) {
      expect(Math.abs((a[F[name]] as number) - (b[F[name]] as number)), name).toBeLessThan(1);
    }
    expect(a[F.flex_mean_deg]).toBeCloseTo(50, -0.5);
    expect(Math.abs((a[F.up_fwd] as number) - (b[F.up_fwd] as number))).toBeLessThan(0.02);
    expect(Math.abs((a[F.acc_norm_std] as number) - (b[F.acc_norm_std] as number))).toBeLessThan(0.02);
  });

  it('works accelerometer-only: posture features match the gyro run, gyro features are masked', () => {
    const mount = fromAxisAngle([1, 0, 1], 0.9);
    const withGyro = featuresAt(workday(mount, true), 30.5);
    const accOnly = featuresAt(workday(mount, false), 30.5);
    expect(withGyro[F.has_gyro]).toBe(1);
    expect(accOnly[F.has_gyro]).toBe(0);
    expect(accOnly[F.twist_rate_abs_mean_deg_s]).toBe(0);
    expect(withGyro[F.twist_rate_abs_max_deg_s]).toBeGreaterThan(5);
    for (const name of ['incl_mean_deg', 'flex_mean_deg', 'acc_norm_mean', 'still_frac'] as const) {
      expect(Math.abs((withGyro[F[name]] as number) - (accOnly[F[name]] as number)), name).toBeLessThan(1);
    }
  });

  it('finds the step rhythm while walking and none while standing', () => {
    const raw = workday(fromAxisAngle([0, 1, 0], 1.3), false);
    const walking = featuresAt(raw, 12);
    const standing = featuresAt(raw, 19.5);
    expect(walking[F.step_autocorr_peak]).toBeGreaterThan(0.7);
    // 1.9 steps/s; the stride (0.95 Hz) is an equally valid period of |acc|.
    expect([1.9, 0.95].some((hz) => Math.abs((walking[F.step_freq_hz] as number) - hz) < 0.15)).toBe(true);
    expect(walking[F.walking_frac]).toBeGreaterThan(0.9);
    expect(walking[F.acc_norm_std]).toBeGreaterThan(1);
    expect(standing[F.walking_frac]).toBe(0);
    expect(standing[F.acc_norm_std]).toBeLessThan(0.1);
    expect(standing[F.log_since_walk_s]).toBeGreaterThan(Math.log1p(1));
    expect(standing[F.log_since_walk_s]).toBeLessThan(Math.log1p(8));
  });
});
