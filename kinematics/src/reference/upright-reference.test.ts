import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAxisAngle, type Quat } from '../math/quat.js';
import { learnReference } from '../posture/learn-reference.js';
import type { PostureSample } from '../posture/posture-sample.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { bodyPose, ramp, synthesize, walkingAcc, walkingSway } from '../testing/synth.js';

fc.configureGlobal({ seed: 20261125 });

const mountArb = fc
  .tuple(
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: 0, max: Math.PI, noNaN: true }),
  )
  .filter(([x, y, z]) => Math.hypot(x, y, z) > 0.1)
  .map(([x, y, z, a]): Quat => fromAxisAngle([x, y, z], a));

const track = (
  mount: Quat,
  durationS: number,
  gyro: boolean,
  pose: (tS: number) => Quat,
  linearAcc?: (tS: number) => readonly [number, number, number],
) => {
  const tracker = new PostureTracker({ placement: 'trunk' });
  const raw = synthesize({ rateHz: 50, durationS, mount, gyro, pose, linearAcc, accNoise: 0.03, seed: 7 });
  return { tracker, out: raw.flatMap((s) => tracker.push(s)) };
};
const at = (out: PostureSample[], tS: number) => {
  const s = out.find((p) => p.tMs >= tS * 1000);
  if (!s) throw new Error(`no sample at ${tS} s`);
  return s;
};

describe('upright reference and posture angles', () => {
  it('a sensor mounted with an arbitrary rotation reports 0° upright and 60° bent 60° forward', () => {
    // Stand 3 s, bend to 60° (2 s), hold, straighten, stand, bend again and hold.
    const flex = (t: number) => 60 * (ramp(t, 3, 5) - ramp(t, 8, 10) + ramp(t, 12, 14));
    fc.assert(
      fc.property(mountArb, fc.boolean(), (mount, gyro) => {
        const { out } = track(mount, 17, gyro, (t) => bodyPose(flex(t)));
        expect(at(out, 2.5).inclinationDeg).toBeLessThan(1);
        expect(Math.abs(at(out, 7).inclinationDeg - 60)).toBeLessThan(1.5);
        expect(at(out, 11).inclinationDeg).toBeLessThan(1);
        const held = at(out, 16);
        expect(held.forwardReady).toBe(true);
        expect(Math.abs(held.trunkFlexionDeg - 60)).toBeLessThan(1.5);
        expect(Math.abs(held.sideBendDeg)).toBeLessThan(1);
      }),
      { numRuns: 12 },
    );
  });

  it('splits side bend (+ left) from flexion once bends revealed the forward axis', () => {
    const mount = fromAxisAngle([0.2, 0.9, -0.4], 2.4);
    const pose = (t: number) =>
      bodyPose(
        50 * (ramp(t, 3, 5) - ramp(t, 7, 9)),
        30 * (ramp(t, 11, 13) - ramp(t, 15, 17)) - 20 * ramp(t, 18, 20),
      );
    const { out } = track(mount, 22, false, pose);
    const right = at(out, 14);
    expect(right.sideBendDeg).toBeCloseTo(-30, 0);
    expect(Math.abs(right.trunkFlexionDeg)).toBeLessThan(1);
    expect(at(out, 21).sideBendDeg).toBeCloseTo(20, 0);
  });

  it('accelerometer-only flexion error during a slow bend is at most 3°', () => {
    const mount = fromAxisAngle([1, 1, 0], 1.1);
    const flexDeg = (t: number) => 60 * ramp(t, 4, 10);
    // The sensor sits 0.45 m above the hip, so bending also accelerates it (tangential, centripetal).
    const r = 0.45;
    const pos = (t: number) => [
      r * Math.sin((flexDeg(t) * Math.PI) / 180),
      0,
      r * Math.cos((flexDeg(t) * Math.PI) / 180),
    ];
    const h = 1e-3;
    const lin = (t: number) => {
      const [a, b, c] = [pos(t - h), pos(t), pos(t + h)];
      return [0, 1, 2].map(
        (k) => ((a[k] as number) - 2 * (b[k] as number) + (c[k] as number)) / (h * h),
      ) as unknown as readonly [number, number, number];
    };
    const { out } = track(mount, 14, false, (t) => bodyPose(flexDeg(t)), lin);
    let worst = 0;
    for (const s of out.filter((p) => p.tMs >= 4000))
      worst = Math.max(
        worst,
        Math.abs(s.trunkFlexionDeg - flexDeg(s.tMs / 1000)) * (s.forwardReady ? 1 : 0),
        Math.abs(s.inclinationDeg - flexDeg(s.tMs / 1000)),
      );
    expect(worst).toBeLessThanOrEqual(3);
  });

  it('a recording that starts bent does not poison the reference: walking re-anchors it', () => {
    const mount = fromAxisAngle([0.5, -0.3, 0.8], 1.9);
    // Bent 35° and still for 8 s (the provisional reference), then walks for 12 s, then stands still.
    const pose = (t: number) => {
      const walking = t >= 8 && t < 20;
      const sway = walking ? walkingSway(t) : { flexDeg: 0, sideDeg: 0 };
      return bodyPose(35 * (1 - ramp(t, 7, 8)) + sway.flexDeg, sway.sideDeg);
    };
    const lin = (t: number) => (t >= 8 && t < 20 ? walkingAcc(t) : ([0, 0, 0] as const));
    const { out, tracker } = track(mount, 26, false, pose, lin);
    expect(at(out, 5).referenceSource).toBe('still');
    expect(at(out, 5).inclinationDeg).toBeLessThan(1); // still wrong: it cannot know yet
    expect(at(out, 15).walking).toBe(true);
    const standing = at(out, 25);
    expect(['walking', 'standing']).toContain(standing.referenceSource);
    expect(standing.inclinationDeg).toBeLessThan(3);
    expect(tracker.reference.ready).toBe(true);
  });

  it('an upper-arm sensor reports arm elevation: 0 hanging, 90 horizontal, 180 straight up', () => {
    const mount = fromAxisAngle([0.7, 0.1, 0.7], 0.8);
    // Walks 8 s with the arm swinging ±15° (that teaches where it hangs), stands, then abducts the
    // arm (a rotation about the forward axis) to 90° and to 180°.
    const gait = (t: number) => 1 - ramp(t, 7.5, 8);
    const elev = (t: number) => 90 * ramp(t, 11, 13) + 90 * ramp(t, 16, 18);
    const tracker = new PostureTracker({ placement: 'upper_arm_left' });
    const raw = synthesize({
      rateHz: 100,
      durationS: 21,
      mount,
      gyro: true,
      pose: (t) => bodyPose(gait(t) * 15 * Math.sin(2 * Math.PI * 0.95 * t), -elev(t)),
      linearAcc: (t) => walkingAcc(t).map((v) => v * gait(t)) as unknown as readonly [number, number, number],
      seed: 3,
    });
    const out = raw.flatMap((s) => tracker.push(s));
    expect(at(out, 10.5).armElevationDeg).toBeLessThan(2);
    expect(Math.abs(at(out, 15).armElevationDeg - 90)).toBeLessThan(2);
    expect(at(out, 20).armElevationDeg).toBeGreaterThan(177);
  });

  it('keeps the learned reference across a time gap', () => {
    const tracker = new PostureTracker({ placement: 'pelvis' });
    const mount = fromAxisAngle([0, 1, 0], 1);
    const a = synthesize({ rateHz: 50, durationS: 4, mount, gyro: false }).flatMap((s) => tracker.push(s));
    const b = synthesize({
      rateHz: 50,
      durationS: 2,
      mount,
      gyro: false,
      t0Ms: 60_000,
      pose: () => bodyPose(40),
    }).flatMap((s) => tracker.push(s));
    expect(a.at(-1)?.referenceReady).toBe(true);
    expect(b[0]?.segment).not.toBe(a[0]?.segment);
    expect(b[0]?.referenceReady).toBe(true);
    expect(b.at(-1)?.inclinationDeg).toBeCloseTo(40, 0);
  });

  it('repeated rhythmic lifting is not mistaken for walking and does not move the reference', () => {
    const mount = fromAxisAngle([0.4, 0.8, -0.2], 2);
    // A stoop every 2.5 s for 30 s: periodic like gait, but the trunk swings 70°.
    const flex = (t: number) => (t < 4 ? 0 : 70 * Math.sin((Math.PI * ((t - 4) % 2.5)) / 2.5) ** 2);
    const { out } = track(mount, 40, true, (t) => bodyPose(t < 34 ? flex(t) : 0));
    expect(out.some((p) => p.walking)).toBe(false);
    const standing = at(out, 39);
    expect(standing.referenceSource).toBe('still');
    expect(standing.inclinationDeg).toBeLessThan(1);
  });

  it('uses a known mounting at once when one is given (source fixed)', () => {
    const mount = fromAxisAngle([0, 0, 1], Math.PI / 2);
    // Sensor → body turns 90° about up, so the body's forward axis is the sensor's −y.
    const tracker = new PostureTracker({
      placement: 'trunk',
      reference: { upright: [0, 0, 1], forward: [0, -1, 0] },
    });
    const raw = synthesize({
      rateHz: 50,
      durationS: 2,
      mount,
      gyro: false,
      pose: (t) => bodyPose(30 * ramp(t, 0.2, 1), 10 * ramp(t, 0.2, 1)),
    });
    const last = raw.flatMap((s) => tracker.push(s)).at(-1) as PostureSample;
    expect(last.referenceSource).toBe('fixed');
    expect(last.forwardReady).toBe(true);
    expect(last.trunkFlexionDeg).toBeCloseTo(30, 0);
    // sideBendDeg is the tilt of the trunk axis out of the sagittal plane: a 10° bend to the right of
    // a trunk flexed 30° moves it out of that plane by asin(cos 30° · sin 10°), negative (+ is left).
    expect(-last.sideBendDeg).toBeCloseTo(
      Math.asin(Math.cos(Math.PI / 6) * Math.sin(Math.PI / 18)) * (180 / Math.PI),
      0,
    );
  });

  it('a short walk before a long squat is enough: the squat does not become upright', () => {
    const mount = fromAxisAngle([0.3, 0.3, 0.9], 2.5);
    // Walks 6 s, squats with the trunk 35° forward for 30 s, stands up and stays still.
    const gait = (t: number) => 1 - ramp(t, 5.5, 6);
    const pose = (t: number) => {
      const sway = walkingSway(t);
      return bodyPose(
        gait(t) * sway.flexDeg + 35 * (ramp(t, 6, 7) - ramp(t, 37, 38)),
        gait(t) * sway.sideDeg,
      );
    };
    const lin = (t: number) =>
      walkingAcc(t).map((v) => v * gait(t)) as unknown as readonly [number, number, number];
    const { out } = track(mount, 44, true, pose, lin);
    expect(at(out, 20).referenceSource).toBe('walking');
    expect(at(out, 20).trunkFlexionDeg).toBeGreaterThan(32);
    expect(at(out, 43).inclinationDeg).toBeLessThan(3);
  });

  it('sitting down straight after a walk, with the drop missed, does not replace the stance before the walk', () => {
    const mount = fromAxisAngle([0.5, -0.7, 0.2], 2.1);
    // Stands still 3 s, walks 8 s, then tilts 12° back at once and holds it for 30 s without
    // dropping (as a sit-down reads when the height tracker misses it), then bends 40° forward.
    const gait = (t: number) => ramp(t, 3, 3.5) - ramp(t, 10.5, 11);
    const pose = (t: number) => {
      const sway = walkingSway(t);
      return bodyPose(
        gait(t) * sway.flexDeg -
          12 * (ramp(t, 11, 12) - ramp(t, 42, 43)) +
          40 * (ramp(t, 45, 47) - ramp(t, 49, 51)),
        gait(t) * sway.sideDeg,
      );
    };
    const lin = (t: number) =>
      walkingAcc(t).map((v) => v * gait(t)) as unknown as readonly [number, number, number];
    const { out } = track(mount, 53, true, pose, lin);
    const seated = at(out, 30);
    expect(seated.referenceSource).toBe('standing');
    expect(Math.abs(seated.inclinationDeg - 12)).toBeLessThan(2);
    expect(Math.abs(at(out, 48).trunkFlexionDeg - 40)).toBeLessThan(2);
  });

  it('a belt sensor tilted 12° back right after a walk is not taken for standing; an upper-back one is', () => {
    const mount = fromAxisAngle([-0.3, 0.8, 0.4], 1.7);
    // Walks 8 s from the start (no still stance before it), then tilts 12° back without dropping.
    const gait = (t: number) => 1 - ramp(t, 7.5, 8);
    const pose = (t: number) => {
      const sway = walkingSway(t);
      return bodyPose(gait(t) * sway.flexDeg - 12 * ramp(t, 8, 9), gait(t) * sway.sideDeg);
    };
    const lin = (t: number) =>
      walkingAcc(t).map((v) => v * gait(t)) as unknown as readonly [number, number, number];
    const raw = synthesize({ rateHz: 50, durationS: 30, mount, gyro: true, pose, linearAcc: lin, seed: 3 });
    const run = (placement: 'pelvis' | 'trunk') => {
      const tracker = new PostureTracker({ placement });
      return at(
        raw.flatMap((s) => tracker.push(s)),
        25,
      );
    };
    const belt = run('pelvis');
    expect(belt.referenceSource).toBe('walking');
    expect(Math.abs(belt.inclinationDeg - 12)).toBeLessThan(2);
    expect(run('trunk').referenceSource).toBe('standing');
  });

  it("a belt sensor's long seated recline does not reverse its forward axis: a later stoop reads forward", () => {
    const mount = fromAxisAngle([0.4, 0.5, -0.6], 2.3);
    // Stands 3 s, walks until `walkEndS`, stands, sits down at 14 s (hips 0.45 m lower, pelvis rolled
    // back 28°) for 40 s, stands up, then stoops with the pelvis 30° forward.
    const recording = (walkEndS: number) => {
      const gait = (t: number) => ramp(t, 3, 3.5) - ramp(t, walkEndS, walkEndS + 0.5);
      const sit = (t: number) => ramp(t, 14, 15.8) - ramp(t, 56, 57.8);
      const pose = (t: number) => {
        const sway = walkingSway(t);
        return bodyPose(
          gait(t) * sway.flexDeg - 28 * sit(t) + 30 * (ramp(t, 62, 64) - ramp(t, 70, 72)),
          gait(t) * sway.sideDeg,
        );
      };
      // Minimum-jerk drop and rise of the hips (second derivative of the height).
      const move = (t: number, t0: number, durS: number, dropM: number) => {
        const u = (t - t0) / durS;
        return u <= 0 || u >= 1 ? 0 : (dropM * (60 * u - 180 * u * u + 120 * u * u * u)) / (durS * durS);
      };
      const lin = (t: number): readonly [number, number, number] => {
        const [x, y, z] = walkingAcc(t).map((v) => v * gait(t));
        return [x as number, y as number, (z as number) + move(t, 14, 1.8, -0.45) + move(t, 56, 1.8, 0.45)];
      };
      return synthesize({ rateHz: 50, durationS: 74, mount, gyro: true, pose, linearAcc: lin, seed: 5 });
    };
    const run = (loweredVotes: boolean, walkEndS: number) => {
      const tracker = new PostureTracker({ placement: 'pelvis', reference: { loweredVotes } });
      return at(
        recording(walkEndS).flatMap((s) => tracker.push(s)),
        68,
      );
    };
    for (const walkEndS of [6.5, 12]) {
      const stoop = run(false, walkEndS);
      expect(stoop.forwardReady).toBe(true);
      expect(Math.abs(stoop.trunkFlexionDeg - 30)).toBeLessThan(3);
    }
    // Had the seat voted, a short walk (3 s, too little for the steps to tell forward) leaves the
    // axis pointing backwards and the stoop reads as a backward tilt; 8.5 s of steps set it right.
    expect(run(true, 6.5).trunkFlexionDeg).toBeLessThan(0);
    expect(Math.abs(run(true, 12).trunkFlexionDeg - 30)).toBeLessThan(3);
  });

  it('an arm carrying a load while walking does not become the hanging reference', () => {
    const mount = fromAxisAngle([0.6, -0.2, 0.5], 1.4);
    // Starts carrying (arm held 40° forward, barely moving) for 20 s, then walks with the arm
    // swinging ±15° around hanging for 10 s, then carries again.
    const carrying = (t: number) => 1 - ramp(t, 20, 21) + ramp(t, 31, 32);
    const pose = (t: number) =>
      bodyPose(40 * carrying(t) + (1 - carrying(t)) * 15 * Math.sin(2 * Math.PI * 0.95 * t));
    const tracker = new PostureTracker({ placement: 'upper_arm_right' });
    const raw = synthesize({
      rateHz: 50,
      durationS: 40,
      mount,
      gyro: true,
      pose,
      linearAcc: (t) => walkingAcc(t),
      accNoise: 0.03,
      seed: 9,
    });
    const out = raw.flatMap((s) => tracker.push(s));
    expect(at(out, 27).referenceSource).toBe('walking');
    expect(Math.abs(at(out, 38).armElevationDeg - 40)).toBeLessThan(4);
  });

  it('an arm held still (e.g. overhead) is not taken for hanging: no reference until it swings in gait', () => {
    const tracker = new PostureTracker({ placement: 'upper_arm_right' });
    const raw = synthesize({
      rateHz: 50,
      durationS: 10,
      mount: fromAxisAngle([1, 0, 0], 2),
      gyro: false,
      pose: () => bodyPose(0, 150),
    });
    const out = raw.flatMap((s) => tracker.push(s));
    expect(out.at(-1)?.still).toBe(true);
    expect(out.at(-1)?.referenceReady).toBe(false);
  });

  it('learnReference gives a clip that starts stooped its hindsight reference for a second pass', () => {
    const mount = fromAxisAngle([0.1, 0.9, 0.4], 2.2);
    // Stooped 70° and still for 10 s, then walks 10 s, then stoops again.
    const gait = (t: number) => ramp(t, 10.5, 11) * (1 - ramp(t, 20.5, 21));
    const pose = (t: number) =>
      bodyPose(
        70 * (1 - ramp(t, 10, 11) + ramp(t, 22, 24)) + gait(t) * walkingSway(t).flexDeg,
        gait(t) * walkingSway(t).sideDeg,
      );
    const linearAcc = (t: number) =>
      walkingAcc(t).map((v) => v * gait(t)) as unknown as readonly [number, number, number];
    const raw = synthesize({
      rateHz: 50,
      durationS: 28,
      mount,
      gyro: false,
      pose,
      linearAcc,
      accNoise: 0.03,
      seed: 4,
    });
    const causalTracker = new PostureTracker({ placement: 'trunk' });
    const causal = raw.flatMap((s) => causalTracker.push(s));
    expect(at(causal, 5).inclinationDeg).toBeLessThan(2); // causally the stoop looks upright at first
    const learned = learnReference(raw, 'trunk');
    expect(learned?.forward).toBeDefined();
    const tracker = new PostureTracker({ placement: 'trunk', reference: learned ?? {} });
    const second = raw.flatMap((s) => tracker.push(s));
    expect(Math.abs(at(second, 5).trunkFlexionDeg - 70)).toBeLessThan(2);
    expect(Math.abs(at(second, 27).trunkFlexionDeg - 70)).toBeLessThan(2);
  });
});
