import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  angleOf,
  angularVelocity,
  fromAxisAngle,
  fromTwoVectors,
  integrate,
  multiply,
  rotate,
  slerp,
} from './quat.js';
import { angleBetween, DEG_TO_RAD, norm, normalize, type Vec3 } from './vec3.js';

// Deterministic property runs (the project rule); change the seed to explore.
fc.configureGlobal({ seed: 20261125 });

const close = (a: Vec3, b: Vec3, eps = 1e-9) => {
  for (const [i, v] of a.entries()) expect(v).toBeCloseTo(b[i] ?? Number.NaN, -Math.log10(eps));
};
const axisArb = fc
  .tuple(
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  )
  .filter((v) => norm(v) > 0.1);

describe('quaternion maths', () => {
  it('turns forward into up by a 90° rotation about the left axis', () => {
    // World frame: x forward, y left, z up. Pitching the x axis up is a -90° turn about y.
    close(rotate(fromAxisAngle([0, 1, 0], -90 * DEG_TO_RAD), [1, 0, 0]), [0, 0, 1]);
  });

  it('keeps vector length under any rotation', () => {
    fc.assert(
      fc.property(axisArb, fc.double({ min: -7, max: 7, noNaN: true }), axisArb, (axis, angle, v) => {
        expect(norm(rotate(fromAxisAngle(axis, angle), v))).toBeCloseTo(norm(v), 9);
      }),
    );
  });

  it('finds the shortest rotation between two directions, including opposite ones', () => {
    fc.assert(
      fc.property(axisArb, axisArb, (a, b) => {
        close(rotate(fromTwoVectors(a, b), normalize(a)), normalize(b), 1e-7);
      }),
    );
    close(rotate(fromTwoVectors([0, 0, 1], [0, 0, -1]), [0, 0, 1]), [0, 0, -1]);
  });

  it('recovers a constant angular velocity from two orientations, and integration inverts it', () => {
    fc.assert(
      fc.property(axisArb, axisArb, fc.double({ min: 0.001, max: 0.1, noNaN: true }), (axis0, omega, dt) => {
        const q0 = fromAxisAngle(axis0, 1);
        const q1 = integrate(q0, omega, dt);
        close(angularVelocity(q0, q1, dt), omega, 1e-6);
      }),
    );
  });

  it('composes rotations in Hamilton order and measures their angle', () => {
    const q = multiply(fromAxisAngle([0, 0, 1], 0.3), fromAxisAngle([0, 0, 1], 0.4));
    expect(angleOf(q)).toBeCloseTo(0.7, 12);
    const half = slerp(fromAxisAngle([1, 0, 0], 0), fromAxisAngle([1, 0, 0], 1), 0.5);
    expect(angleOf(half)).toBeCloseTo(0.5, 12);
    expect(angleBetween([1, 0, 0], [0, 1, 0])).toBeCloseTo(Math.PI / 2, 12);
  });
});
