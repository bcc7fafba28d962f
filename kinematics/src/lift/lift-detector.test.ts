import { describe, expect, it } from 'vitest';
import { fromAxisAngle } from '../math/quat.js';
import { DEG_TO_RAD, type Vec3 } from '../math/vec3.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { bodyPose, ramp, synthesize, walkingAcc, walkingSway } from '../testing/synth.js';
import { LiftDetector, type LiftEvent } from './lift-detector.js';

/** One lift: go down in 1 s, handle the load `pauseS`, come back up in 1 s. */
interface Lift {
  t0S: number;
  kind: 'stoop' | 'squat';
  pauseS?: number;
}

/** Depth of each lift in [0, 1] at time tS. */
const depth = (lifts: Lift[], tS: number, kind: Lift['kind']) =>
  lifts
    .filter((l) => l.kind === kind)
    .reduce(
      (sum, l) =>
        sum +
        ramp(tS, l.t0S, l.t0S + 1) -
        ramp(tS, l.t0S + 1 + (l.pauseS ?? 0.8), l.t0S + 2 + (l.pauseS ?? 0.8)),
      0,
    );

/** Trunk sensor 0.45 m above the hip. Stoop: trunk flexes 70°. Squat: hip drops 0.45 m, trunk flexes 20°. */
function liftRecording(
  lifts: Lift[],
  durationS: number,
  gyro: boolean,
  extraFlex = (_t: number) => 0,
  stoopDeg = 70,
) {
  const flexDeg = (t: number) =>
    stoopDeg * depth(lifts, t, 'stoop') + 20 * depth(lifts, t, 'squat') + extraFlex(t);
  const position = (t: number): Vec3 => {
    const a = flexDeg(t) * DEG_TO_RAD;
    return [0.45 * Math.sin(a), 0, 0.45 * Math.cos(a) - 0.45 * depth(lifts, t, 'squat')];
  };
  const h = 1e-3;
  const linearAcc = (t: number): Vec3 => {
    const [a, b, c] = [position(t - h), position(t), position(t + h)];
    return [0, 1, 2].map(
      (k) => ((a[k] as number) - 2 * (b[k] as number) + (c[k] as number)) / (h * h),
    ) as unknown as Vec3;
  };
  return synthesize({
    rateHz: 50,
    durationS,
    gyro,
    mount: fromAxisAngle([0.4, 0.8, -0.2], 2),
    pose: (t) => bodyPose(flexDeg(t)),
    linearAcc,
    accNoise: 0.05,
    seed: 5,
  });
}

function detect(raw: ReturnType<typeof synthesize>, placement: 'trunk' | 'pelvis' = 'trunk'): LiftEvent[] {
  const tracker = new PostureTracker({ placement });
  const detector = new LiftDetector({ placement });
  return raw.flatMap((s) => tracker.push(s)).flatMap((p) => detector.push(p) ?? []);
}

describe('LiftDetector', () => {
  const lifts: Lift[] = [
    { t0S: 4, kind: 'stoop' },
    { t0S: 9, kind: 'squat' },
    { t0S: 14, kind: 'stoop', pauseS: 0.3 },
    { t0S: 19, kind: 'squat', pauseS: 1.5 },
    { t0S: 25, kind: 'stoop' },
  ];

  for (const gyro of [true, false]) {
    it(`finds every lift, tells stoop from squat and times its onset (${gyro ? 'with' : 'without'} gyroscope)`, () => {
      const events = detect(liftRecording(lifts, 30, gyro));
      expect(events.map((e) => e.kind)).toEqual(lifts.map((l) => l.kind));
      for (const [i, e] of events.entries()) {
        expect(Math.abs(e.onsetMs - (lifts[i] as Lift).t0S * 1000)).toBeLessThan(500);
        expect(e.endMs - e.onsetMs).toBeLessThan(5000);
      }
      expect(events[0]?.peakFlexionDeg).toBeGreaterThan(60);
      expect(events[1]?.peakFlexionDeg).toBeLessThan(30);
      expect(events[1]?.dropM).toBeGreaterThan(0.15);
    });
  }

  it('does not count a bend held for 10 s (holding, not lifting) or a slight nod', () => {
    const held = (t: number) =>
      60 * (ramp(t, 4, 5) - ramp(t, 15, 16)) + 15 * (ramp(t, 20, 20.5) - ramp(t, 21, 21.5));
    expect(detect(liftRecording([], 25, false, held))).toEqual([]);
  });

  it('does not mistake walking for lifting', () => {
    const gait = (t: number) => ramp(t, 4, 4.5) * (1 - ramp(t, 23.5, 24));
    const raw = synthesize({
      rateHz: 50,
      durationS: 26,
      gyro: false,
      mount: fromAxisAngle([1, 1, 1], 1),
      pose: (t) => bodyPose(gait(t) * walkingSway(t).flexDeg, gait(t) * walkingSway(t).sideDeg),
      linearAcc: (t) => walkingAcc(t).map((v) => v * gait(t)) as unknown as Vec3,
      accNoise: 0.05,
    });
    expect(detect(raw)).toEqual([]);
  });

  it('on a belt sensor (pelvis tilts about half as far) a 35° stoop is still a stoop', () => {
    const raw = liftRecording(
      [
        { t0S: 4, kind: 'stoop' },
        { t0S: 10, kind: 'stoop' },
      ],
      14,
      false,
      undefined,
      35,
    );
    expect(detect(raw, 'pelvis').map((e) => e.kind)).toEqual(['stoop', 'stoop']);
    expect(detect(raw, 'trunk').filter((e) => e.kind === 'stoop')).toEqual([]);
  });

  it('ignores bends before the upright reference is known', () => {
    // Starts bent and moving: no still period, no walking, so no reference and no lift.
    const raw = liftRecording([{ t0S: 0.5, kind: 'stoop' }], 4, false, (t) => 10 * Math.sin(3 * t));
    expect(detect(raw)).toEqual([]);
  });
});
