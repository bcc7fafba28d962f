import { STANDARD_GRAVITY, type Vec3 } from '../math/vec3.js';

const N = 4;
/** Prior standard deviations of [g, bias x, bias y, bias z], m/s². */
const PRIOR_SD = [0.3, 0.15, 0.15, 0.15] as const;
/** Noise of |acc| at rest, m/s², and random-walk drift of the parameters per sample, m/s². */
const MEASUREMENT_SD = 0.03;
const DRIFT_SD = 3e-4;

/**
 * |acc| of this sensor at rest as a function of its orientation, learned from still periods.
 *
 * An uncalibrated MEMS accelerometer reads |acc| at rest as ≈ g + b·u (bias vector b, up direction u
 * in the sensor frame): a few tenths of m/s² that change with posture (UCI HAPT phones: up to
 * ±0.5 m/s² between standing and lying). That is as large as the vertical acceleration of sitting
 * down, so a double integral of |acc| − g goes wrong by decimetres after every change of
 * orientation. This is the multi-position accelerometer calibration done online: a small Kalman
 * filter over [g, b], updated from quiet samples in whatever postures the wearer holds, with the
 * prior of an ideal sensor for orientations not seen yet and a slow drift allowance. (Scale-error
 * terms g·sᵢ·uᵢ² were tried and made the estimate worse on simulated and real data.)
 */
export class RestNormModel {
  private readonly theta = new Float64Array(N);
  private readonly p = new Float64Array(N * N);
  private readonly x = new Float64Array(N);
  private readonly px = new Float64Array(N);

  constructor() {
    this.reset();
  }

  /** Expected |acc| at rest with up direction `up` (unit, sensor frame), m/s². */
  predict(up: Vec3): number {
    this.features(up);
    let y = 0;
    for (let i = 0; i < N; i++) y += (this.theta[i] as number) * (this.x[i] as number);
    return y;
  }

  /**
   * Standard deviation of the prediction for up direction `up`, m/s²: small in orientations the
   * sensor has rested in, up to the prior's (≈ 0.15 m/s² per unit of turn) in ones not seen yet.
   */
  predictionSd(up: Vec3): number {
    this.features(up);
    return Math.sqrt(Math.max(0, this.project(0)));
  }

  /** Learns from one sample known to be at rest: |acc| and the up direction, m/s². */
  update(accNormMs2: number, up: Vec3): void {
    const predicted = this.predict(up);
    const { p, px } = this;
    const q = DRIFT_SD * DRIFT_SD;
    for (let i = 0; i < N; i++) p[i * N + i] = (p[i * N + i] as number) + q;
    const s = this.project(MEASUREMENT_SD * MEASUREMENT_SD);
    const innovation = accNormMs2 - predicted;
    for (let i = 0; i < N; i++) {
      const k = (px[i] as number) / s;
      this.theta[i] = (this.theta[i] as number) + k * innovation;
    }
    // P ← P − (P x)(P x)ᵀ / s (P symmetric).
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++)
        p[i * N + j] = (p[i * N + j] as number) - ((px[i] as number) * (px[j] as number)) / s;
    }
  }

  /** Copies the parameters [g, bias x, bias y, bias z] (m/s²) into out. */
  copyParameters(out: Float64Array): void {
    out.set(this.theta);
  }

  reset(): void {
    this.theta.fill(0);
    this.theta[0] = STANDARD_GRAVITY;
    this.p.fill(0);
    for (let i = 0; i < N; i++) this.p[i * N + i] = (PRIOR_SD[i] as number) ** 2;
  }

  /** P x into px for the features in x; returns s0 + xᵀ P x. */
  private project(s0: number): number {
    const { p, px, x } = this;
    let s = s0;
    for (let i = 0; i < N; i++) {
      let v = 0;
      for (let j = 0; j < N; j++) v += (p[i * N + j] as number) * (x[j] as number);
      px[i] = v;
      s += (x[i] as number) * v;
    }
    return s;
  }

  private features(up: Vec3): void {
    this.x[0] = 1;
    this.x[1] = up[0];
    this.x[2] = up[1];
    this.x[3] = up[2];
  }
}
