import { cross, dot, norm, normalize, type Vec3 } from './vec3.js';

/**
 * A unit quaternion [w, x, y, z] (Hamilton convention). As an orientation it maps vectors from
 * the local (sensor or segment) frame to the world frame: v_world = rotate(q, v_local).
 */
export type Quat = readonly [number, number, number, number];

export const QUAT_IDENTITY: Quat = [1, 0, 0, 0];

/** Rotation by `angleRad` about `axis` (need not be unit length). */
export function fromAxisAngle(axis: Vec3, angleRad: number): Quat {
  const [x, y, z] = normalize(axis);
  const h = angleRad / 2;
  const s = Math.sin(h);
  return [Math.cos(h), x * s, y * s, z * s];
}

/** Hamilton product a ⊗ b: first rotate by b, then by a. */
export function multiply(a: Quat, b: Quat): Quat {
  const [aw, ax, ay, az] = a;
  const [bw, bx, by, bz] = b;
  return [
    aw * bw - ax * bx - ay * by - az * bz,
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
  ];
}

export const conjugate = (q: Quat): Quat => [q[0], -q[1], -q[2], -q[3]];

export function normalizeQuat(q: Quat): Quat {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  return n > 0 ? [q[0] / n, q[1] / n, q[2] / n, q[3] / n] : QUAT_IDENTITY;
}

/** Rotates `v` by unit quaternion `q` (local → world when q is an orientation). */
export function rotate(q: Quat, v: Vec3): Vec3 {
  // v' = v + 2w(u×v) + 2u×(u×v), with u the vector part: cheaper than two Hamilton products.
  const u: Vec3 = [q[1], q[2], q[3]];
  const t = cross(u, v);
  const t2: Vec3 = [2 * t[0], 2 * t[1], 2 * t[2]];
  const c = cross(u, t2);
  return [v[0] + q[0] * t2[0] + c[0], v[1] + q[0] * t2[1] + c[1], v[2] + q[0] * t2[2] + c[2]];
}

/** Rotates `v` by the inverse of `q` (world → local when q is an orientation). */
export const rotateInverse = (q: Quat, v: Vec3): Vec3 => rotate(conjugate(q), v);

/** The shortest rotation taking direction `from` onto direction `to` (≈ π about some perpendicular axis when they are nearly opposite). */
export function fromTwoVectors(from: Vec3, to: Vec3): Quat {
  const a = normalize(from);
  const b = normalize(to);
  const d = dot(a, b);
  if (d < -1 + 1e-4) {
    // Nearly opposite: 1 + d loses its digits to cancellation. Turn `a` exactly onto −a about a
    // perpendicular axis, then take the well-conditioned short rotation from −a to `b`.
    const axis = Math.abs(a[0]) < 0.9 ? cross(a, [1, 0, 0]) : cross(a, [0, 1, 0]);
    const flip = fromAxisAngle(axis, Math.PI);
    return d < -1 + 1e-15 ? flip : multiply(fromTwoVectors([-a[0], -a[1], -a[2]], b), flip);
  }
  const c = cross(a, b);
  return normalizeQuat([1 + d, c[0], c[1], c[2]]);
}

/** Rotation angle of `q` in radians, in [0, π]. */
export function angleOf(q: Quat): number {
  return 2 * Math.atan2(norm([q[1], q[2], q[3]]), Math.abs(q[0]));
}

/**
 * Advances orientation `q` by a body-frame angular velocity `omega` (rad/s) held for `dtS`
 * seconds, exactly for a constant rate (not a first-order step), so integration error comes only
 * from the rate changing within the step.
 */
export function integrate(q: Quat, omega: Vec3, dtS: number): Quat {
  const rate = norm(omega);
  if (rate * dtS < 1e-12) return q;
  return normalizeQuat(multiply(q, fromAxisAngle(omega, rate * dtS)));
}

/**
 * The body-frame angular velocity (rad/s) that turns `q0` into `q1` in `dtS` seconds: what a
 * gyroscope fixed to the body reports over that step.
 */
export function angularVelocity(q0: Quat, q1: Quat, dtS: number): Vec3 {
  let d = multiply(conjugate(q0), q1);
  if (d[0] < 0) d = [-d[0], -d[1], -d[2], -d[3]];
  const vnorm = norm([d[1], d[2], d[3]]);
  if (vnorm < 1e-15 || dtS <= 0) return [0, 0, 0];
  const angle = 2 * Math.atan2(vnorm, d[0]);
  const k = angle / (vnorm * dtS);
  return [d[1] * k, d[2] * k, d[3] * k];
}

/** Spherical linear interpolation between unit quaternions, t in [0, 1]. */
export function slerp(a: Quat, b: Quat, t: number): Quat {
  let cos = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
  let bb = b;
  if (cos < 0) {
    cos = -cos;
    bb = [-b[0], -b[1], -b[2], -b[3]];
  }
  if (cos > 0.9995) {
    return normalizeQuat([
      a[0] + t * (bb[0] - a[0]),
      a[1] + t * (bb[1] - a[1]),
      a[2] + t * (bb[2] - a[2]),
      a[3] + t * (bb[3] - a[3]),
    ]);
  }
  const theta = Math.acos(cos);
  const s = Math.sin(theta);
  const wa = Math.sin((1 - t) * theta) / s;
  const wb = Math.sin(t * theta) / s;
  return [wa * a[0] + wb * bb[0], wa * a[1] + wb * bb[1], wa * a[2] + wb * bb[2], wa * a[3] + wb * bb[3]];
}
