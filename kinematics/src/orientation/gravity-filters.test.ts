import { describe, expect, it } from 'vitest';
import { fromAxisAngle, rotateInverse } from '../math/quat.js';
import { angleBetween, DEG_TO_RAD, RAD_TO_DEG, STANDARD_GRAVITY, type Vec3 } from '../math/vec3.js';
import { AccelerometerGravityFilter } from './accelerometer-gravity.js';
import { ComplementaryGravityFilter } from './complementary-gravity.js';

const G: Vec3 = [0, 0, STANDARD_GRAVITY];
const DT = 0.04;

describe('gravity filters', () => {
  it('report the up direction of a statically tilted sensor at the known angle', () => {
    for (const angleDeg of [0, 15, 45, 90, 135, 180]) {
      const q = fromAxisAngle([0.6, -0.8, 0], angleDeg * DEG_TO_RAD);
      const acc = rotateInverse(q, G);
      const lp = new AccelerometerGravityFilter();
      const cf = new ComplementaryGravityFilter();
      let up: Vec3 = [0, 0, 0];
      let upC: Vec3 = [0, 0, 0];
      for (let i = 0; i < 50; i++) {
        up = lp.update(acc, DT);
        upC = cf.update(acc, [0, 0, 0], DT);
      }
      expect(angleBetween(up, [0, 0, 1]) * RAD_TO_DEG).toBeCloseTo(angleDeg, 6);
      expect(angleBetween(upC, [0, 0, 1]) * RAD_TO_DEG).toBeCloseTo(angleDeg, 6);
    }
  });

  it('with a gyroscope, tracks a 90°/s turn through strong linear acceleration; accelerometer-only cannot', () => {
    const axis: Vec3 = [1, 0, 0];
    const rate = 90 * DEG_TO_RAD;
    const cf = new ComplementaryGravityFilter();
    const lp = new AccelerometerGravityFilter();
    let worstGyro = 0;
    let worstAcc = 0;
    for (let i = 0; i <= 50; i++) {
      const tS = i * DT;
      const q = fromAxisAngle(axis, rate * tS);
      // A 4 m/s² horizontal shaking at 2 Hz (as from steps) corrupts the accelerometer's view of gravity.
      const acc = rotateInverse(q, [4 * Math.sin(4 * Math.PI * tS), 0, STANDARD_GRAVITY]);
      const truth = rotateInverse(q, [0, 0, 1]);
      const upC = cf.update(acc, [rate, 0, 0], DT);
      const upA = lp.update(acc, DT);
      worstGyro = Math.max(worstGyro, angleBetween(upC, truth) * RAD_TO_DEG);
      worstAcc = Math.max(worstAcc, angleBetween(upA, truth) * RAD_TO_DEG);
    }
    expect(worstGyro).toBeLessThan(3);
    expect(worstAcc).toBeGreaterThan(10);
  });

  it('with a gyroscope, keeps the up direction of a walking trunk on gravity (steps do not tilt it)', () => {
    // Steps at 2 Hz: vertical bounce ±3 m/s², and a fore-aft acceleration that is forward while the
    // bounce passes zero (|acc| ≈ g) and backward at its peaks. Every component averages to zero, so
    // the mean up direction must stay vertical; weighting the correction by |acc| ≈ g would not.
    const mean = (band?: number) => {
      const cf = new ComplementaryGravityFilter(band === undefined ? {} : { accTrustBand: band });
      let sum: Vec3 = [0, 0, 0];
      for (let i = 0; i < 1500; i++) {
        const ph = 4 * Math.PI * i * DT;
        const acc: Vec3 = [1.5 * (0.5 - Math.cos(ph) ** 2) * 2, 0, STANDARD_GRAVITY + 3 * Math.cos(ph)];
        const up = cf.update(acc, [0, 0, 0], DT);
        if (i >= 250) sum = [sum[0] + up[0], sum[1] + up[1], sum[2] + up[2]];
      }
      return angleBetween(sum, [0, 0, 1]) * RAD_TO_DEG;
    };
    expect(mean()).toBeLessThan(1);
    expect(mean(0.25)).toBeGreaterThan(2);
  });

  it('corrects gyro drift towards the accelerometer within a few time constants', () => {
    const cf = new ComplementaryGravityFilter({ timeConstantS: 1 });
    const acc = rotateInverse(fromAxisAngle([0, 1, 0], 0.5), G);
    const truth = rotateInverse(fromAxisAngle([0, 1, 0], 0.5), [0, 0, 1]);
    let up: Vec3 = [0, 0, 0];
    // A constant gyro bias of 0.05 rad/s (≈ 3°/s) that pure integration would turn into 30° over 10 s.
    for (let i = 0; i < 250; i++) up = cf.update(acc, [0.05, 0, 0], DT);
    expect(angleBetween(up, truth) * RAD_TO_DEG).toBeLessThan(4);
  });

  it('falls back to the accelerometer when the gyroscope drops out', () => {
    const cf = new ComplementaryGravityFilter();
    const tilted = rotateInverse(fromAxisAngle([1, 0, 0], 1), G);
    for (let i = 0; i < 10; i++) cf.update(G, [0, 0, 0], DT);
    let up: Vec3 = [0, 0, 0];
    for (let i = 0; i < 40; i++) up = cf.update(tilted, null, DT);
    expect(angleBetween(up, [0, 0, 1]) * RAD_TO_DEG).toBeCloseTo(1 * RAD_TO_DEG, 3);
  });
});
