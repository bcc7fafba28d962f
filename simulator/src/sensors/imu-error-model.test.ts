import { angleOf, RAD_TO_DEG } from '@haltung/kinematics';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { ACC_RANGE_MPS2, GYRO_RANGE_RADPS, ImuErrorModel } from './imu-error-model.js';

describe('IMU error model', () => {
  it('saturates at ±16 g and ±2000 °/s, also with ideal sensors', () => {
    for (const ideal of [true, false]) {
      const m = new ImuErrorModel(new Rng(1), 'trunk', 50, ideal);
      const acc = new Float32Array(3);
      const gyro = new Float32Array(3);
      m.measure(500, -500, 1, 100, -100, 0, 0.02, acc, gyro, 0);
      expect(acc[0]).toBeCloseTo(ACC_RANGE_MPS2, 3);
      expect(acc[1]).toBeCloseTo(-ACC_RANGE_MPS2, 3);
      expect(gyro[0]).toBeCloseTo(GYRO_RANGE_RADPS, 4);
      expect(gyro[1]).toBeCloseTo(-GYRO_RANGE_RADPS, 4);
    }
  });

  it('adds noise, bias and a few degrees of misalignment that differ between devices', () => {
    const angles: number[] = [];
    const biases: number[] = [];
    for (let seed = 0; seed < 50; seed++) {
      const m = new ImuErrorModel(new Rng(seed), 'upper_arm_left', 50, false);
      angles.push(angleOf(m.misalignment) * RAD_TO_DEG);
      const acc = new Float32Array(300);
      const gyro = new Float32Array(300);
      for (let i = 0; i < 100; i++) m.measure(9.81, 0, 0, 0, 0, 0, 0.02, acc, gyro, i);
      let mean = 0;
      let sq = 0;
      for (let i = 0; i < 100; i++) {
        mean += (acc[i * 3 + 1] as number) / 100;
        sq += (acc[i * 3 + 1] as number) ** 2 / 100;
      }
      const sd = Math.sqrt(sq - mean * mean);
      expect(sd).toBeGreaterThan(0.005);
      expect(sd).toBeLessThan(0.06);
      biases.push(mean);
    }
    expect(Math.max(...angles)).toBeGreaterThan(10);
    expect(Math.max(...angles)).toBeLessThan(60);
    expect(new Set(biases.map((b) => b.toFixed(3))).size).toBeGreaterThan(40);
    const ideal = new ImuErrorModel(new Rng(3), 'trunk', 50, true);
    expect(angleOf(ideal.misalignment)).toBe(0);
  });
});
