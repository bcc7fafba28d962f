import { describe, expect, it } from 'vitest';
import { angleBetween, DEG_TO_RAD, RAD_TO_DEG, type Vec3 } from '../math/vec3.js';
import { ForwardAxisEstimator } from './forward-axis.js';

const UPRIGHT: Vec3 = [0, 0, 1];
/** Up direction seen in a wearer frame (x forward, y left) when bent `deg` towards `dir`. */
const bent = (deg: number, dir: 'forward' | 'left' | 'right' | 'back'): Vec3 => {
  const s = Math.sin(deg * DEG_TO_RAD);
  const c = Math.cos(deg * DEG_TO_RAD);
  // Bending towards a direction tilts the world's up away from it in the wearer's frame.
  const h: Record<typeof dir, Vec3> = {
    forward: [-s, 0, c],
    back: [s, 0, c],
    left: [0, -s, c],
    right: [0, s, c],
  };
  return h[dir];
};
/** One bend of `seconds` at 25 Hz, then upright for a second. */
function bend(
  e: ForwardAxisEstimator,
  t0Ms: number,
  deg: number,
  dir: 'forward' | 'left' | 'right' | 'back',
  seconds: number,
): number {
  let t = t0Ms;
  for (let i = 0; i < seconds * 25; i++, t += 40) e.update(t, bent(deg, dir), UPRIGHT);
  for (let i = 0; i < 25; i++, t += 40) e.update(t, UPRIGHT, UPRIGHT);
  return t;
}

describe('ForwardAxisEstimator', () => {
  it('learns the forward axis from forward bends and ignores side bends to either side', () => {
    const e = new ForwardAxisEstimator();
    expect(e.forward(UPRIGHT)).toBeNull();
    let t = bend(e, 0, 40, 'forward', 3);
    const first = e.forward(UPRIGHT) as Vec3;
    expect(angleBetween(first, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(1);
    t = bend(e, t, 30, 'left', 3);
    t = bend(e, t, 30, 'right', 4);
    expect(angleBetween(e.forward(UPRIGHT) as Vec3, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(1);
  });

  it('recovers when the first bends were sideways: consistent forward bends take over', () => {
    const e = new ForwardAxisEstimator();
    let t = bend(e, 0, 40, 'left', 3);
    expect(angleBetween(e.forward(UPRIGHT) as Vec3, [0, 1, 0]) * RAD_TO_DEG).toBeLessThan(1);
    for (let k = 0; k < 5; k++) t = bend(e, t, 45, 'forward', 2);
    expect(angleBetween(e.forward(UPRIGHT) as Vec3, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(1);
  });

  it('lying down on the back is not a bend: a belt sensor passing 20–75° backwards casts no vote', () => {
    const e = new ForwardAxisEstimator();
    let t = 0;
    // Lies down (the pelvis rolls back through 20–75° in 2 s to 90°), lies 30 s, gets up the same way.
    const lie = (from: number, to: number, seconds: number) => {
      for (let i = 0; i <= seconds * 25; i++, t += 40)
        e.update(t, bent(from + ((to - from) * i) / (seconds * 25), 'back'), UPRIGHT);
    };
    lie(0, 90, 2);
    lie(90, 90, 30);
    lie(90, 0, 2);
    expect(e.forward(UPRIGHT)).toBeNull();
    // Then the first forward bends teach the right axis.
    t = bend(e, t, 40, 'forward', 3);
    const f = e.forward(UPRIGHT);
    expect(f).not.toBeNull();
    expect(angleBetween(f as Vec3, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(5);
  });
});
