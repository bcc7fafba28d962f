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
  /** Where the sensor is worn. */
  placement: SensorPlacement;
  /**
   * Vertical displacement of the sensor since the wearer last walked (or the stream started), m,
   * + up; bounded to −1.2…+0.5 (see `HeightTracker`). Sitting down or squatting ≈ −0.4…−0.5.
   */
  heightChangeM: number;
  /**
   * `heightChangeM` with the sensor's own bend taken out (see `bendDropM`): the change of the hips'
   * height, m. A stoop ≈ 0 here, a squat or sitting down ≈ −0.45. NaN for upper-arm sensors.
   */
  hipHeightChangeM: number;
}

/**
 * Where the sensor sits relative to the hip joints when upright, m: `upM` above them and `forwardM`
 * in front (an upper-back sensor sits behind the spine, a belt buckle in front of the hips). Rough
 * adult anthropometry; used to take a bend out of the sensor's height change.
 */
export const SENSOR_LEVER_M: Record<SensorPlacement, { upM: number; forwardM: number }> = {
  trunk: { upM: 0.45, forwardM: -0.12 },
  pelvis: { upM: 0.1, forwardM: 0.12 },
  upper_arm_left: { upM: Number.NaN, forwardM: Number.NaN },
  upper_arm_right: { upM: Number.NaN, forwardM: Number.NaN },
};

/**
 * How far a bend alone lowers the sensor, m: rotating the lever forward by the flexion θ (tilting by
 * the inclination ι) lowers it by up·(1 − cos ι) + forward·sin θ. NaN for arm sensors.
 */
export function bendDropM(placement: SensorPlacement, inclinationDeg: number, flexionDeg: number): number {
  const { upM, forwardM } = SENSOR_LEVER_M[placement];
  const rad = Math.PI / 180;
  return upM * (1 - Math.cos(inclinationDeg * rad)) + forwardM * Math.sin(flexionDeg * rad);
}
