/**
 * Allocation-free quaternion and vector operations on Float64Array slots, for the per-sample hot
 * path (a fleet generates ~10⁵ samples/s). Same conventions as @haltung/kinematics quat.ts:
 * [w, x, y, z], Hamilton product, orientation maps local → world.
 */

const HALF_DEG = Math.PI / 360;

/** out[o..o+3] = rotation by `deg` about coordinate axis `axis` (0 = x, 1 = y, 2 = z). */
export function setAxis(out: Float64Array, o: number, axis: 0 | 1 | 2, deg: number): void {
  const h = deg * HALF_DEG;
  out[o] = Math.cos(h);
  out[o + 1] = axis === 0 ? Math.sin(h) : 0;
  out[o + 2] = axis === 1 ? Math.sin(h) : 0;
  out[o + 3] = axis === 2 ? Math.sin(h) : 0;
}

/** q[o..] = q[o..] ⊗ (rotation by `deg` about coordinate axis `axis`), in place. */
export function mulAxis(q: Float64Array, o: number, axis: 0 | 1 | 2, deg: number): void {
  const h = deg * HALF_DEG;
  const c = Math.cos(h);
  const s = Math.sin(h);
  const w = q[o] as number;
  const x = q[o + 1] as number;
  const y = q[o + 2] as number;
  const z = q[o + 3] as number;
  if (axis === 0) {
    q[o] = w * c - x * s;
    q[o + 1] = w * s + x * c;
    q[o + 2] = y * c + z * s;
    q[o + 3] = z * c - y * s;
  } else if (axis === 1) {
    q[o] = w * c - y * s;
    q[o + 1] = x * c - z * s;
    q[o + 2] = w * s + y * c;
    q[o + 3] = z * c + x * s;
  } else {
    q[o] = w * c - z * s;
    q[o + 1] = x * c + y * s;
    q[o + 2] = y * c - x * s;
    q[o + 3] = w * s + z * c;
  }
}

/** out[oo..] = a[ao..] ⊗ b (b a plain quaternion). `out` must not alias `a`'s slot. */
export function mulInto(
  out: Float64Array,
  oo: number,
  a: Float64Array,
  ao: number,
  b: readonly [number, number, number, number],
): void {
  const aw = a[ao] as number;
  const ax = a[ao + 1] as number;
  const ay = a[ao + 2] as number;
  const az = a[ao + 3] as number;
  const [bw, bx, by, bz] = b;
  out[oo] = aw * bw - ax * bx - ay * by - az * bz;
  out[oo + 1] = aw * bx + ax * bw + ay * bz - az * by;
  out[oo + 2] = aw * by - ax * bz + ay * bw + az * bx;
  out[oo + 3] = aw * bz + ax * by - ay * bx + az * bw;
}

export function copyQuat(out: Float64Array, oo: number, a: Float64Array, ao: number): void {
  out[oo] = a[ao] as number;
  out[oo + 1] = a[ao + 1] as number;
  out[oo + 2] = a[ao + 2] as number;
  out[oo + 3] = a[ao + 3] as number;
}

/** out[oo..oo+2] = base[bo..] + rotate(q[qo..], (vx, vy, vz)). */
export function addRotated(
  out: Float64Array,
  oo: number,
  base: Float64Array,
  bo: number,
  q: Float64Array,
  qo: number,
  vx: number,
  vy: number,
  vz: number,
): void {
  const w = q[qo] as number;
  const x = q[qo + 1] as number;
  const y = q[qo + 2] as number;
  const z = q[qo + 3] as number;
  // v' = v + 2w(u×v) + 2u×(u×v)
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  out[oo] = (base[bo] as number) + vx + w * tx + (y * tz - z * ty);
  out[oo + 1] = (base[bo + 1] as number) + vy + w * ty + (z * tx - x * tz);
  out[oo + 2] = (base[bo + 2] as number) + vz + w * tz + (x * ty - y * tx);
}

/** z component of the segment's long (z) axis in world: cos of its angle from the vertical. */
export const upZ = (q: Float64Array, o: number): number => {
  const x = q[o + 1] as number;
  const y = q[o + 2] as number;
  return 1 - 2 * (x * x + y * y);
};
/** x and y components of the segment's z axis in world. */
export const upX = (q: Float64Array, o: number): number =>
  2 * ((q[o + 1] as number) * (q[o + 3] as number) + (q[o] as number) * (q[o + 2] as number));
export const upY = (q: Float64Array, o: number): number =>
  2 * ((q[o + 2] as number) * (q[o + 3] as number) - (q[o] as number) * (q[o + 1] as number));
