import type { Vec3 } from './math/vec3.js';

/** One input IMU sample at the wearable's own rate. */
export interface RawSample {
  /** Sample time, ms (any epoch; must increase). */
  tMs: number;
  /** Specific force in the sensor frame, m/s², gravity included (≈ +9.81 along "up" at rest). */
  acc: Vec3;
  /** Angular velocity in the sensor frame, rad/s; `null` when the wearable has no gyroscope. */
  gyro: Vec3 | null;
}

/** One sample on the canonical grid (see {@link CANONICAL_RATE_HZ}). */
export interface CanonicalSample extends RawSample {
  /**
   * Continuity counter: it increases whenever the resampler restarts after a time gap or a
   * backwards time step. Windows and filters must not span two segments.
   */
  segment: number;
}

/**
 * The part of `ImuFrame` (from `@haltung/protocol`) that the signal maths needs: structurally
 * compatible, so a decoded frame can be passed as is.
 */
export interface ImuFrameLike {
  /** Time of the first sample, ms. */
  t0Ms: number;
  /** Nominal sample rate, Hz: sample i is at t0Ms + i·1000/sampleRateHz. */
  sampleRateHz: number;
  count: number;
  /** count × 3 interleaved x,y,z, m/s². */
  acc: ArrayLike<number>;
  /** count × 3 interleaved x,y,z, rad/s, or null. */
  gyro: ArrayLike<number> | null;
}

/** Why a stream was restarted. */
export interface Discontinuity {
  kind: 'gap' | 'backwards';
  /** Time of the last accepted sample before the restart, ms. */
  prevTMs: number;
  /** Time of the sample that caused the restart, ms. */
  tMs: number;
  /** The segment number that starts with this sample. */
  segment: number;
}
