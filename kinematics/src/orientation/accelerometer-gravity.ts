import { normalize, type Vec3 } from '../math/vec3.js';

/**
 * Accelerometer-only estimate of the "up" direction in the sensor frame: a first-order low-pass
 * of the specific force, normalised. At rest the accelerometer measures +g along up, so the
 * result is the unit vector pointing away from the Earth. A short time constant keeps the lag
 * during a slow bend small (≈ rate × τ: 20°/s × 0.1 s = 2°); the window features average the
 * remaining walking jitter.
 */
export class AccelerometerGravityFilter {
  private x = 0;
  private y = 0;
  private z = 0;
  private started = false;

  /** @param timeConstantS low-pass time constant, s (default 0.1). */
  constructor(readonly timeConstantS = 0.1) {}

  /** Feeds one sample (acc m/s², dtS s since the previous one); returns the unit up direction. */
  update(acc: Vec3, dtS: number): Vec3 {
    if (!this.started) {
      [this.x, this.y, this.z] = acc;
      this.started = true;
    } else {
      const a = dtS / (this.timeConstantS + dtS);
      this.x += a * (acc[0] - this.x);
      this.y += a * (acc[1] - this.y);
      this.z += a * (acc[2] - this.z);
    }
    return this.up;
  }

  /** The current unit up direction (zero before the first sample). */
  get up(): Vec3 {
    return normalize([this.x, this.y, this.z]);
  }

  reset(): void {
    this.started = false;
    this.x = this.y = this.z = 0;
  }
}
