import type { BodyProfile } from '../types.js';

/**
 * Joint configuration of the body model at one instant. Angles in degrees; offsets in metres in
 * the heading frame (x forward, y left, z up). Root speed and turn rate are integrated by the
 * worker into the position and heading on the site.
 */
export interface Pose {
  /** Height of the hip joint centre above the floor. */
  hipHeightM: number;
  /** Forward / leftward offset of the hips from the walking path (sway, shifting the weight back). */
  surgeM: number;
  swayM: number;
  /** Forward walking speed, m/s, and turning rate, °/s (positive = to the left). */
  speedMps: number;
  turnDps: number;
  /** Pelvis forward tilt (positive = anterior), roll (positive = left side up) and yaw (gait). */
  pelvisPitchDeg: number;
  pelvisRollDeg: number;
  pelvisYawDeg: number;
  /** Trunk relative to the pelvis: flexion, side bend (positive = left), twist (positive = left). */
  trunkFlexDeg: number;
  trunkSideDeg: number;
  trunkTwistDeg: number;
  /** Upper arm relative to the trunk: elevation from hanging (negative = backwards) and plane
   * (0 = forward flexion, 90 = abduction to the side). */
  armElevLeftDeg: number;
  armPlaneLeftDeg: number;
  armElevRightDeg: number;
  armPlaneRightDeg: number;
}

export const POSE_KEYS = [
  'hipHeightM',
  'surgeM',
  'swayM',
  'speedMps',
  'turnDps',
  'pelvisPitchDeg',
  'pelvisRollDeg',
  'pelvisYawDeg',
  'trunkFlexDeg',
  'trunkSideDeg',
  'trunkTwistDeg',
  'armElevLeftDeg',
  'armPlaneLeftDeg',
  'armElevRightDeg',
  'armPlaneRightDeg',
] as const satisfies readonly (keyof Pose)[];

export const zeroPose = (): Pose => ({
  hipHeightM: 0,
  surgeM: 0,
  swayM: 0,
  speedMps: 0,
  turnDps: 0,
  pelvisPitchDeg: 0,
  pelvisRollDeg: 0,
  pelvisYawDeg: 0,
  trunkFlexDeg: 0,
  trunkSideDeg: 0,
  trunkTwistDeg: 0,
  armElevLeftDeg: 0,
  armPlaneLeftDeg: 0,
  armElevRightDeg: 0,
  armPlaneRightDeg: 0,
});

export function copyPose(from: Pose, to: Pose): Pose {
  // Field by field rather than a loop over keys: this runs for every sample.
  to.hipHeightM = from.hipHeightM;
  to.surgeM = from.surgeM;
  to.swayM = from.swayM;
  to.speedMps = from.speedMps;
  to.turnDps = from.turnDps;
  to.pelvisPitchDeg = from.pelvisPitchDeg;
  to.pelvisRollDeg = from.pelvisRollDeg;
  to.pelvisYawDeg = from.pelvisYawDeg;
  to.trunkFlexDeg = from.trunkFlexDeg;
  to.trunkSideDeg = from.trunkSideDeg;
  to.trunkTwistDeg = from.trunkTwistDeg;
  to.armElevLeftDeg = from.armElevLeftDeg;
  to.armPlaneLeftDeg = from.armPlaneLeftDeg;
  to.armElevRightDeg = from.armElevRightDeg;
  to.armPlaneRightDeg = from.armPlaneRightDeg;
  return to;
}

/** out = a + (b − a)·u, field by field. */
export function lerpPose(a: Pose, b: Pose, u: number, out: Pose): Pose {
  out.hipHeightM = a.hipHeightM + (b.hipHeightM - a.hipHeightM) * u;
  out.surgeM = a.surgeM + (b.surgeM - a.surgeM) * u;
  out.swayM = a.swayM + (b.swayM - a.swayM) * u;
  out.speedMps = a.speedMps + (b.speedMps - a.speedMps) * u;
  out.turnDps = a.turnDps + (b.turnDps - a.turnDps) * u;
  out.pelvisPitchDeg = a.pelvisPitchDeg + (b.pelvisPitchDeg - a.pelvisPitchDeg) * u;
  out.pelvisRollDeg = a.pelvisRollDeg + (b.pelvisRollDeg - a.pelvisRollDeg) * u;
  out.pelvisYawDeg = a.pelvisYawDeg + (b.pelvisYawDeg - a.pelvisYawDeg) * u;
  out.trunkFlexDeg = a.trunkFlexDeg + (b.trunkFlexDeg - a.trunkFlexDeg) * u;
  out.trunkSideDeg = a.trunkSideDeg + (b.trunkSideDeg - a.trunkSideDeg) * u;
  out.trunkTwistDeg = a.trunkTwistDeg + (b.trunkTwistDeg - a.trunkTwistDeg) * u;
  out.armElevLeftDeg = a.armElevLeftDeg + (b.armElevLeftDeg - a.armElevLeftDeg) * u;
  out.armPlaneLeftDeg = a.armPlaneLeftDeg + (b.armPlaneLeftDeg - a.armPlaneLeftDeg) * u;
  out.armElevRightDeg = a.armElevRightDeg + (b.armElevRightDeg - a.armElevRightDeg) * u;
  out.armPlaneRightDeg = a.armPlaneRightDeg + (b.armPlaneRightDeg - a.armPlaneRightDeg) * u;
  return out;
}

/**
 * Minimum-jerk profile 0 → 1 on u ∈ [0, 1] (zero velocity and acceleration at both ends), the
 * shape of voluntary point-to-point movements (Flash & Hogan 1985); keeps accelerations continuous.
 */
export function minJerk(u: number): number {
  if (u <= 0) return 0;
  if (u >= 1) return 1;
  return u * u * u * (10 + u * (-15 + 6 * u));
}

/**
 * Envelope of an excursion lasting `durationS`: rises over `inS`, holds 1, falls over `outS`.
 */
export function envelope(tauS: number, durationS: number, inS: number, outS: number): number {
  if (tauS < inS) return minJerk(tauS / inS);
  if (tauS > durationS - outS) return minJerk((durationS - tauS) / outS);
  return 1;
}

/** The resting poses of each base posture, per person. */
export type Base = 'standing' | 'sitting' | 'lying' | 'squatting' | 'kneeling';

/** Segment lengths as fractions of body height (Drillis & Contini / Winter). */
export const SEGMENT = {
  hipHeight: 0.53,
  seatHipHeight: 0.27,
  squatHipHeight: 0.24,
  kneelHipHeight: 0.3,
  lyingHipHeightM: 0.5,
} as const;

/** Neutral pose of a base posture for this person (stands slightly inclined, arms hanging). */
export function neutralPose(base: Base, p: BodyProfile, out: Pose): Pose {
  copyPose(ZERO, out);
  const h = p.heightM;
  out.armElevLeftDeg = 8;
  out.armElevRightDeg = 8;
  out.armPlaneLeftDeg = 20;
  out.armPlaneRightDeg = 20;
  switch (base) {
    case 'standing':
      out.hipHeightM = SEGMENT.hipHeight * h;
      out.pelvisPitchDeg = 2;
      out.trunkFlexDeg = 1;
      break;
    case 'sitting':
      // The pelvis rolls back on the seat (posterior tilt ~15°); the lumbar spine flexes, so the
      // trunk ends up near vertical; the thighs (not instrumented) are horizontal.
      out.hipHeightM = SEGMENT.seatHipHeight * h;
      out.pelvisPitchDeg = -14;
      out.trunkFlexDeg = 16;
      out.armElevLeftDeg = 22;
      out.armElevRightDeg = 22;
      out.armPlaneLeftDeg = 10;
      out.armPlaneRightDeg = 10;
      break;
    case 'lying':
      // Supine: the body's long axis horizontal, face up.
      out.hipHeightM = SEGMENT.lyingHipHeightM;
      out.pelvisPitchDeg = -88;
      out.trunkFlexDeg = -2;
      break;
    case 'squatting':
      out.hipHeightM = SEGMENT.squatHipHeight * h;
      out.surgeM = -0.08 * h;
      out.pelvisPitchDeg = 18;
      out.trunkFlexDeg = 16;
      out.armElevLeftDeg = 40;
      out.armElevRightDeg = 40;
      break;
    case 'kneeling':
      out.hipHeightM = SEGMENT.kneelHipHeight * h;
      out.surgeM = -0.06 * h;
      out.pelvisPitchDeg = 10;
      out.trunkFlexDeg = 12;
      out.armElevLeftDeg = 30;
      out.armElevRightDeg = 30;
      break;
  }
  return out;
}

const ZERO = zeroPose();
