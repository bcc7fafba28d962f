import type { Vec3 } from '../math/vec3.js';
import type { ReferenceSource } from '../reference/upright-reference.js';

/**
 * Where the sensor is worn. Same spelling as `Placement` in `@haltung/protocol` (a protocol
 * placement can be passed as is); upper-arm placements switch on arm elevation.
 */
export type SensorPlacement = 'trunk' | 'pelvis' | 'upper_arm_left' | 'upper_arm_right';

/** True for the upper-arm placements, whose angle of interest is arm elevation. */
export const isArmPlacement = (placement: SensorPlacement): boolean => placement.startsWith('upper_arm');

/** The posture state of one wearer at one canonical sample. Angles in degrees, relative to the upright reference. */
export interface PostureSample {
  /** Canonical grid time, ms. */
  tMs: number;
  /** Resampler segment (changes after a time gap; windows never span two). */
  segment: number;
  /** Filtered up direction in the sensor frame (unit vector, away from the Earth). */
  up: Vec3;
  /** `up` in the wearer's frame as [forward, left, up] components (see `upInWearerFrame`). */
  upWearer: Vec3;
  /** Total tilt from the upright reference, 0–180°. */
  inclinationDeg: number;
  /** Forward (+) / backward (−) tilt; equals inclinationDeg while `forwardReady` is false. */
  trunkFlexionDeg: number;
  /** Side bend (tilt out of the sagittal plane), + to the left; 0 while `forwardReady` is false. */
  sideBendDeg: number;
  /** Angular velocity about the upright (trunk long) axis, °/s, + = turning left; NaN without gyro. */
  twistRateDegS: number;
  /** Whether this sample had a gyroscope reading. */
  hasGyro: boolean;
  /** Rate of change of the up direction, °/s: an accelerometer-only measure of how fast posture changes. */
  tiltRateDegS: number;
  /** Upper-arm elevation (0 hanging, 90 horizontal, 180 straight up); NaN for trunk/pelvis sensors. */
  armElevationDeg: number;
  /** |linear acceleration| = |acc − g·up|, m/s². */
  dynamicAccMs2: number;
  /** Linear acceleration along the world vertical, m/s², + upward. */
  verticalAccMs2: number;
  /** Magnitude of the horizontal linear acceleration, m/s². */
  horizontalAccMs2: number;
  /** |acc|, m/s². */
  accNormMs2: number;
  /** Stillness flag (1 s of almost constant acceleration). */
  still: boolean;
  /** Gait flag (periodic acceleration, 0.5–2.5 Hz). */
  walking: boolean;
  /** Seconds since the wearer last walked (capped at 600; 600 if never in this stream). */
  secondsSinceWalking: number;
  /** Whether an upright reference is known; before that, angles are relative to the first sample. */
  referenceReady: boolean;
  /** Whether the forward axis is known (flexion and side bend are split). */
  forwardReady: boolean;
  /** Where the reference came from. */
  referenceSource: ReferenceSource;
}
