import type { Vec3 } from '../math/vec3.js';

export interface StillDetectorOptions {
  /** Window length, samples (default 25: 1 s at 25 Hz). */
  windowSamples?: number;
  /** Largest acc standard deviation (root of the summed axis variances) for "still", m/s² (default 0.3). */
  maxAccStdMs2?: number;
  /** Largest mean gyro rate for "still", rad/s (default 0.2; ignored without gyro). */
  maxGyroRadS?: number;
}

/**
 * Flags stillness (standing, sitting or lying without moving) from the spread of the
 * acceleration vector over a short rolling window, with O(1) work per sample.
 */
export class StillDetector {
  private readonly n: number;
  private readonly maxVar: number;
  private readonly maxGyro: number;
  private readonly buf: Float64Array;
  private readonly gyroBuf: Float64Array;
  private len = 0;
  private head = 0;
  private readonly sum = [0, 0, 0];
  private readonly sumSq = [0, 0, 0];
  private gyroSum = 0;

  constructor(options: StillDetectorOptions = {}) {
    this.n = options.windowSamples ?? 25;
    this.maxVar = (options.maxAccStdMs2 ?? 0.3) ** 2;
    this.maxGyro = options.maxGyroRadS ?? 0.2;
    this.buf = new Float64Array(this.n * 3);
    this.gyroBuf = new Float64Array(this.n);
  }

  /** Feeds one canonical sample; returns true when the whole window is still. */
  update(acc: Vec3, gyro: Vec3 | null): boolean {
    const i = this.head;
    if (this.len === this.n) {
      for (let k = 0; k < 3; k++) {
        const old = this.buf[i * 3 + k] as number;
        this.sum[k] = (this.sum[k] as number) - old;
        this.sumSq[k] = (this.sumSq[k] as number) - old * old;
      }
      this.gyroSum -= this.gyroBuf[i] as number;
    } else {
      this.len++;
    }
    for (let k = 0; k < 3; k++) {
      const v = acc[k] as number;
      this.buf[i * 3 + k] = v;
      this.sum[k] = (this.sum[k] as number) + v;
      this.sumSq[k] = (this.sumSq[k] as number) + v * v;
    }
    const g = gyro ? Math.hypot(gyro[0], gyro[1], gyro[2]) : 0;
    this.gyroBuf[i] = g;
    this.gyroSum += g;
    this.head = (i + 1) % this.n;
    if (this.len < this.n) return false;
    let variance = 0;
    for (let k = 0; k < 3; k++) {
      const m = (this.sum[k] as number) / this.n;
      variance += Math.max(0, (this.sumSq[k] as number) / this.n - m * m);
    }
    return variance <= this.maxVar && this.gyroSum / this.n <= this.maxGyro;
  }

  reset(): void {
    this.len = 0;
    this.head = 0;
    this.sum.fill(0);
    this.sumSq.fill(0);
    this.gyroSum = 0;
  }
}
