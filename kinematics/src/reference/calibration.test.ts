import { describe, expect, it } from 'vitest';
import { fromAxisAngle, multiply } from '../math/quat.js';
import type { PostureSample } from '../posture/posture-sample.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { bodyPose, ramp, synthesize, walkingAcc, walkingSway } from '../testing/synth.js';

const HABIT_DEG = 10;
const mount = fromAxisAngle([0.6, -0.2, 0.7], 2.2);

/**
 * A wearer who habitually stands and walks 10° forward. Optionally stands up straight (0°) for
 * 5 s at the start, as the wearable asks when calibrating; then walks, stands, and stoops to a true
 * 65° (over the 60° limit) and holds it.
 */
function shift(straightAtStart: boolean) {
  const straight = (t: number) => (straightAtStart ? 1 - ramp(t, 6, 7) : 0);
  const walking = (t: number) => t >= 7 && t < 19;
  // Gated smoothly: a jump in the pose would be a gyro spike no body makes.
  const gait = (t: number) => ramp(t, 7, 7.5) * (1 - ramp(t, 18.5, 19));
  const pose = (t: number) => {
    const sway = { flexDeg: gait(t) * walkingSway(t).flexDeg, sideDeg: gait(t) * walkingSway(t).sideDeg };
    const incl = HABIT_DEG * (1 - straight(t)) + (65 - HABIT_DEG) * ramp(t, 22, 25);
    return bodyPose(incl + sway.flexDeg, sway.sideDeg);
  };
  const lin = (t: number) => (walking(t) ? walkingAcc(t) : ([0, 0, 0] as const));
  return synthesize({
    rateHz: 50,
    durationS: 30,
    mount,
    gyro: true,
    pose,
    linearAcc: lin,
    accNoise: 0.03,
    seed: 5,
  });
}

const at = (out: PostureSample[], tS: number) => {
  const s = out.find((p) => p.tMs >= tS * 1000);
  if (!s) throw new Error(`no sample at ${tS} s`);
  return s;
};

describe('calibration: the wearer stands up straight on request', () => {
  it('without it, a habitual 10° lean hides 10° of a stoop: a true 65° reads about 55°', () => {
    const tracker = new PostureTracker({ placement: 'trunk' });
    const out = shift(false).flatMap((s) => tracker.push(s));
    expect(tracker.reference.calibration).toBe('idle');
    expect(Math.abs(at(out, 29).inclinationDeg - 55)).toBeLessThan(3);
  });

  it('with it, angles are against true upright: the stoop reads 65° and habitual standing 10°', () => {
    const tracker = new PostureTracker({ placement: 'trunk' });
    const raw = shift(true);
    const out: PostureSample[] = [];
    for (const [i, s] of raw.entries()) {
      if (i === 10) tracker.reference.requestCalibration();
      out.push(...tracker.push(s));
    }
    expect(tracker.reference.calibration).toBe('done');
    expect(tracker.reference.calibrationCount).toBe(1);
    // The walking mean (10° forward) does not take over from the calibration.
    expect(at(out, 18).walking).toBe(true);
    expect(at(out, 21).referenceSource).toBe('calibrated');
    expect(Math.abs(at(out, 21).inclinationDeg - HABIT_DEG)).toBeLessThan(2.5);
    expect(Math.abs(at(out, 29).inclinationDeg - 65)).toBeLessThan(2.5);
  });

  it('fails (and keeps learning from walking) when the wearer does not stand still in time', () => {
    const tracker = new PostureTracker({ placement: 'trunk', reference: { calibrationWindowS: 4 } });
    const raw = shift(false);
    const out: PostureSample[] = [];
    // Requested as the walk begins: 4 s of walking, no still stance.
    for (const [i, s] of raw.entries()) {
      if (i === 7 * 50) tracker.reference.requestCalibration();
      out.push(...tracker.push(s));
    }
    expect(tracker.reference.calibration).toBe('failed');
    expect(['walking', 'standing']).toContain(at(out, 21).referenceSource);
    expect(at(out, 21).inclinationDeg).toBeLessThan(3);
  });

  it('a sensor re-mounted far from the calibration is re-learned from walking', () => {
    const tracker = new PostureTracker({ placement: 'trunk' });
    const first = shift(true);
    first.forEach((s, i) => {
      if (i === 10) tracker.reference.requestCalibration();
      tracker.push(s);
    });
    expect(tracker.reference.source).toBe('calibrated');
    // The same wearer after the clip was put back 40° rotated: walks a minute, then stands.
    const remount = fromAxisAngle([0, 1, 0], (40 * Math.PI) / 180);
    const moved = synthesize({
      rateHz: 50,
      durationS: 64,
      t0Ms: 31_000,
      mount: multiply(remount, mount),
      gyro: true,
      pose: (t) => {
        const g = ramp(t, 0, 0.5) * (1 - ramp(t, 59.5, 60));
        return bodyPose(HABIT_DEG + g * walkingSway(t).flexDeg, g * walkingSway(t).sideDeg);
      },
      linearAcc: (t) => (t < 60 ? walkingAcc(t) : ([0, 0, 0] as const)),
      accNoise: 0.03,
      seed: 6,
    });
    const out = moved.flatMap((s) => tracker.push(s));
    expect(out.at(-1)?.referenceSource).not.toBe('calibrated');
    expect(out.at(-1)?.inclinationDeg).toBeLessThan(3);
  });

  it('a kept calibration restored into a fresh tracker measures the same as before', () => {
    const first = new PostureTracker({ placement: 'trunk' });
    shift(true).forEach((s, i) => {
      if (i === 10) first.reference.requestCalibration();
      first.push(s);
    });
    const kept = first.reference.calibrated;
    expect(kept).not.toBeNull();
    // The device was away; a new tracker (the agent evicted it, or restarted) gets the calibration back.
    const again = new PostureTracker({ placement: 'trunk' });
    again.reference.restoreCalibration(JSON.parse(JSON.stringify(kept)));
    const out = shift(false)
      .map((s) => ({ ...s, tMs: s.tMs + 60_000 }))
      .flatMap((s) => again.push(s));
    expect(at(out, 61).referenceSource).toBe('calibrated');
    expect(Math.abs(at(out, 61).inclinationDeg - HABIT_DEG)).toBeLessThan(2.5);
    expect(Math.abs(at(out, 89).inclinationDeg - 65)).toBeLessThan(2.5);
    expect(again.reference.calibrated).not.toBeNull();
  });

  it('without calibration, sitting down straight after a walk is not taken for standing', () => {
    // Belt sensor: walks 12 s, sits down at once (the pelvis rolls back 14°, the hips drop 0.45 m
    // in 1.5 s) and sits still for a minute.
    const gait = (t: number) => ramp(t, 2, 2.5) * (1 - ramp(t, 13.5, 14));
    const sit = (t: number) => ramp(t, 14, 15.5);
    const pos = (t: number) => -0.45 * sit(t);
    const h = 1e-3;
    const raw = synthesize({
      rateHz: 50,
      durationS: 75,
      mount,
      gyro: true,
      pose: (t) =>
        bodyPose(-14 * sit(t) + gait(t) * walkingSway(t).flexDeg, gait(t) * walkingSway(t).sideDeg),
      linearAcc: (t) => {
        const w = walkingAcc(t);
        const z = (pos(t - h) - 2 * pos(t) + pos(t + h)) / (h * h);
        return [w[0] * gait(t), w[1] * gait(t), w[2] * gait(t) + z];
      },
      accNoise: 0.03,
      seed: 8,
    });
    const tracker = new PostureTracker({ placement: 'pelvis' });
    const out = raw.flatMap((s) => tracker.push(s));
    expect(at(out, 10).walking).toBe(true);
    expect(at(out, 40).heightChangeM).toBeLessThan(-0.3);
    // The reference stays the upright one: the sitting pelvis reads ~14° from it all minute.
    for (const t of [30, 50, 74])
      expect(Math.abs(at(out, t).inclinationDeg - 14), `at ${t} s`).toBeLessThan(3);
  });
});
