import {
  angularVelocity,
  fromAxisAngle,
  multiply,
  QUAT_IDENTITY,
  type Quat,
  rotateInverse,
} from '../math/quat.js';
import { DEG_TO_RAD, STANDARD_GRAVITY, type Vec3 } from '../math/vec3.js';
import type { RawSample } from '../types.js';

/**
 * Synthetic IMU recordings for tests. World frame: x forward, y left, z up (the wearer's frame
 * when upright). The body pose maps body → world; the mount maps sensor → body, so the sensor
 * reads the specific force rotated into its own, arbitrarily mounted, frame.
 */
export interface SynthOptions {
  rateHz: number;
  durationS: number;
  t0Ms?: number;
  /** Sensor → body rotation (the mounting). */
  mount?: Quat;
  /** Body → world orientation at time tS. */
  pose?: (tS: number) => Quat;
  /** Linear acceleration of the sensor in the world frame, m/s². */
  linearAcc?: (tS: number) => Vec3;
  gyro?: boolean;
  /** Gaussian-ish noise std on acc, m/s² (seeded). */
  accNoise?: number;
  seed?: number;
}

/** Body pose of a forward bend by `flexDeg`, a side bend to the right by `sideDeg` and a twist left by `twistDeg`. */
export function bodyPose(flexDeg: number, sideDeg = 0, twistDeg = 0): Quat {
  const flex = fromAxisAngle([0, 1, 0], flexDeg * DEG_TO_RAD);
  const side = fromAxisAngle([1, 0, 0], sideDeg * DEG_TO_RAD);
  const twist = fromAxisAngle([0, 0, 1], twistDeg * DEG_TO_RAD);
  return multiply(twist, multiply(flex, side));
}

export function synthesize(o: SynthOptions): RawSample[] {
  const mount = o.mount ?? QUAT_IDENTITY;
  const pose = o.pose ?? (() => QUAT_IDENTITY);
  const lin = o.linearAcc ?? (() => [0, 0, 0] as Vec3);
  const rand = lcg(o.seed ?? 1);
  const noise = () => (o.accNoise ?? 0) * (rand() + rand() + rand() - 1.5) * 2;
  const n = Math.round(o.durationS * o.rateHz);
  const out: RawSample[] = [];
  const h = 1e-4;
  for (let i = 0; i < n; i++) {
    const tS = i / o.rateHz;
    const q = multiply(pose(tS), mount);
    const a = lin(tS);
    const f = rotateInverse(q, [a[0], a[1], a[2] + STANDARD_GRAVITY]);
    const gyro = o.gyro
      ? angularVelocity(multiply(pose(tS - h), mount), multiply(pose(tS + h), mount), 2 * h)
      : null;
    out.push({
      tMs: (o.t0Ms ?? 0) + (i * 1000) / o.rateHz,
      acc: [f[0] + noise(), f[1] + noise(), f[2] + noise()],
      gyro,
    });
  }
  return out;
}

/** Smooth 0→1 ramp between t0 and t1 (raised cosine). */
export function ramp(tS: number, t0: number, t1: number): number {
  if (tS <= t0) return 0;
  if (tS >= t1) return 1;
  return 0.5 - 0.5 * Math.cos((Math.PI * (tS - t0)) / (t1 - t0));
}

/** Deterministic uniform [0, 1) generator. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Linear acceleration of a trunk or waist sensor while walking at `stepHz` along +x, world frame,
 * m/s²: the forward surge leads the vertical bounce by a third of a step, as on real waists (UCI HAPT).
 */
export function walkingAcc(tS: number, stepHz = 1.9): Vec3 {
  const w = 2 * Math.PI * stepHz;
  return [1.2 * Math.sin(w * tS + 2.1), 0.8 * Math.sin((w / 2) * tS), 2.5 * Math.sin(w * tS)];
}

/** Body sway while walking: ±2° pitch at the step rate, ±3° roll at the stride rate. */
export function walkingSway(tS: number, stepHz = 1.9): { flexDeg: number; sideDeg: number } {
  const w = 2 * Math.PI * stepHz;
  return { flexDeg: 2 * Math.sin(w * tS + 0.5), sideDeg: 3 * Math.sin((w / 2) * tS) };
}
