import {
  DEG_TO_RAD,
  fromAxisAngle,
  multiply,
  normalize,
  QUAT_IDENTITY,
  type Quat,
} from '@haltung/kinematics';
import type { Placement } from '@haltung/protocol';
import type { Rng } from '../random/rng.js';

/** ±16 g and ±2000 °/s: the widest ranges of common MEMS IMUs, and the wire format's int16 scales. */
export const ACC_RANGE_MPS2 = 16 * 9.80665;
export const GYRO_RANGE_RADPS = (2000 * Math.PI) / 180;

// Consumer MEMS IMU figures (MPU-6050 / BMI160 class): ~300 µg/√Hz and ~0.01 °/s/√Hz noise
// density, a few mg and tenths of °/s of bias, ~1 % scale error, slow temperature drift.
const ACC_NOISE_MPS2_AT_50HZ = 0.02;
const GYRO_NOISE_RADPS_AT_50HZ = 0.003;
const ACC_BIAS_SD = 0.08;
const GYRO_BIAS_SD = 0.01;
const DRIFT_TAU_S = 600;
const ACC_DRIFT_SD = 0.03;
const GYRO_DRIFT_SD = 0.003;
const DRIFT_STEP_S = 1;

/**
 * The imperfections of one worn IMU: mounting misalignment, scale error, bias with slow drift
 * (Ornstein–Uhlenbeck, so it stays bounded over a shift), white noise and saturation.
 * With `ideal`, only saturation remains (the physics alone, for tests).
 */
export class ImuErrorModel {
  /** Rotation sensor frame → nominal mounting frame (identity when ideal). */
  readonly misalignment: Quat;
  private readonly accScale = new Float64Array([1, 1, 1]);
  private readonly gyroScale = new Float64Array([1, 1, 1]);
  private readonly accBias = new Float64Array(3);
  private readonly gyroBias = new Float64Array(3);
  private readonly accBias0 = new Float64Array(3);
  private readonly gyroBias0 = new Float64Array(3);
  private readonly accDrift = new Float64Array(3);
  private readonly gyroDrift = new Float64Array(3);
  private readonly accSd: number;
  private readonly gyroSd: number;
  private driftClockS = 0;

  constructor(
    private readonly rng: Rng,
    placement: Placement,
    sampleRateHz: number,
    private readonly ideal: boolean,
  ) {
    if (ideal) {
      this.misalignment = QUAT_IDENTITY;
      this.accSd = 0;
      this.gyroSd = 0;
      return;
    }
    const quality = rng.uniform(0.7, 1.5);
    const bw = Math.sqrt(sampleRateHz / 50);
    this.accSd = ACC_NOISE_MPS2_AT_50HZ * quality * bw;
    this.gyroSd = GYRO_NOISE_RADPS_AT_50HZ * quality * bw;
    const tiltAxis = normalize([rng.normal(), rng.normal(), rng.normal()]);
    const tilt = fromAxisAngle(tiltAxis, rng.normal(0, 6) * DEG_TO_RAD);
    // Straps and clips also sit rotated about the surface normal (the sensor's z axis).
    const spinDeg = placement.startsWith('upper_arm') ? rng.uniform(-25, 25) : rng.uniform(-12, 12);
    this.misalignment = multiply(tilt, fromAxisAngle([0, 0, 1], spinDeg * DEG_TO_RAD));
    for (let a = 0; a < 3; a++) {
      this.accScale[a] = 1 + rng.normal(0, 0.01);
      this.gyroScale[a] = 1 + rng.normal(0, 0.01);
      this.accBias0[a] = rng.normal(0, ACC_BIAS_SD);
      this.gyroBias0[a] = rng.normal(0, GYRO_BIAS_SD);
      this.accBias[a] = this.accBias0[a] as number;
      this.gyroBias[a] = this.gyroBias0[a] as number;
    }
  }

  /** Writes the measured sample i into acc/gyro from the true specific force and rate (sensor frame). */
  measure(
    fx: number,
    fy: number,
    fz: number,
    wx: number,
    wy: number,
    wz: number,
    dtS: number,
    acc: Float32Array,
    gyro: Float32Array,
    i: number,
  ): void {
    const o = i * 3;
    if (this.ideal) {
      acc[o] = clamp(fx, ACC_RANGE_MPS2);
      acc[o + 1] = clamp(fy, ACC_RANGE_MPS2);
      acc[o + 2] = clamp(fz, ACC_RANGE_MPS2);
      gyro[o] = clamp(wx, GYRO_RANGE_RADPS);
      gyro[o + 1] = clamp(wy, GYRO_RANGE_RADPS);
      gyro[o + 2] = clamp(wz, GYRO_RANGE_RADPS);
      return;
    }
    this.driftClockS += dtS;
    if (this.driftClockS >= DRIFT_STEP_S) this.drift();
    const r = this.rng;
    const as = this.accScale;
    const gs = this.gyroScale;
    const ab = this.accBias;
    const gb = this.gyroBias;
    acc[o] = clamp(fx * (as[0] as number) + (ab[0] as number) + r.fastNormal() * this.accSd, ACC_RANGE_MPS2);
    acc[o + 1] = clamp(
      fy * (as[1] as number) + (ab[1] as number) + r.fastNormal() * this.accSd,
      ACC_RANGE_MPS2,
    );
    acc[o + 2] = clamp(
      fz * (as[2] as number) + (ab[2] as number) + r.fastNormal() * this.accSd,
      ACC_RANGE_MPS2,
    );
    gyro[o] = clamp(
      wx * (gs[0] as number) + (gb[0] as number) + r.fastNormal() * this.gyroSd,
      GYRO_RANGE_RADPS,
    );
    gyro[o + 1] = clamp(
      wy * (gs[1] as number) + (gb[1] as number) + r.fastNormal() * this.gyroSd,
      GYRO_RANGE_RADPS,
    );
    gyro[o + 2] = clamp(
      wz * (gs[2] as number) + (gb[2] as number) + r.fastNormal() * this.gyroSd,
      GYRO_RANGE_RADPS,
    );
  }

  private drift(): void {
    const dt = this.driftClockS;
    this.driftClockS = 0;
    const decay = Math.exp(-dt / DRIFT_TAU_S);
    const kick = Math.sqrt(1 - decay * decay);
    for (let a = 0; a < 3; a++) {
      // Drift is a bounded random wander (Ornstein–Uhlenbeck) on top of the turn-on bias.
      this.accDrift[a] = (this.accDrift[a] as number) * decay + this.rng.normal(0, ACC_DRIFT_SD) * kick;
      this.gyroDrift[a] = (this.gyroDrift[a] as number) * decay + this.rng.normal(0, GYRO_DRIFT_SD) * kick;
      this.accBias[a] = (this.accBias0[a] as number) + (this.accDrift[a] as number);
      this.gyroBias[a] = (this.gyroBias0[a] as number) + (this.gyroDrift[a] as number);
    }
  }
}

const clamp = (v: number, limit: number) => Math.min(limit, Math.max(-limit, v));
