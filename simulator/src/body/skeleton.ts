import { multiply, type Quat, rotate, type Vec3 } from '@haltung/kinematics';
import type { Placement } from '@haltung/protocol';
import type { BodyProfile } from '../types.js';
import type { Pose } from './pose.js';

/** Where the worker stands on the site: the walking path's position and heading. */
export interface RootState {
  xM: number;
  yM: number;
  headingDeg: number;
}

/** World (x forward at heading 0, y left, z up) orientation of each body segment. */
export interface BodyState {
  pelvis: Quat;
  trunk: Quat;
  armLeft: Quat;
  armRight: Quat;
  hips: Vec3;
  lumbosacral: Vec3;
}

const HALF_DEG = Math.PI / 360;
// Rotations about a coordinate axis, built directly (no normalisation): this runs per sample.
const rx = (deg: number): Quat => [Math.cos(deg * HALF_DEG), Math.sin(deg * HALF_DEG), 0, 0];
const ry = (deg: number): Quat => [Math.cos(deg * HALF_DEG), 0, Math.sin(deg * HALF_DEG), 0];
const rz = (deg: number): Quat => [Math.cos(deg * HALF_DEG), 0, 0, Math.sin(deg * HALF_DEG)];

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

/**
 * Forward kinematics of the body model: pelvis → lumbosacral joint → trunk → shoulders → upper
 * arms. Segment frames: x forward, y left, z up (along the segment, towards the head; for the
 * upper arm from elbow to shoulder). Positive rotation about y tips the segment forward.
 */
export function forwardKinematics(pose: Pose, root: RootState, profile: BodyProfile): BodyState {
  const h = profile.heightM;
  const k = h / 1.75;
  const c = Math.cos(root.headingDeg * 2 * HALF_DEG);
  const s = Math.sin(root.headingDeg * 2 * HALF_DEG);
  const hips: Vec3 = [
    root.xM + c * pose.surgeM - s * pose.swayM,
    root.yM + s * pose.surgeM + c * pose.swayM,
    pose.hipHeightM,
  ];
  const pelvis = multiply(
    multiply(rz(root.headingDeg + pose.pelvisYawDeg), ry(pose.pelvisPitchDeg)),
    rx(-pose.pelvisRollDeg),
  );
  // Twist first, then side bend, then flexion: bending while twisted bends towards the twist.
  const trunk = multiply(
    multiply(multiply(pelvis, rz(pose.trunkTwistDeg)), rx(-pose.trunkSideDeg)),
    ry(pose.trunkFlexDeg),
  );
  // Elevating the arm forward is a negative rotation about y (the hanging arm swings forward).
  const armLeft = multiply(multiply(trunk, rz(pose.armPlaneLeftDeg)), ry(-pose.armElevLeftDeg));
  const armRight = multiply(multiply(trunk, rz(-pose.armPlaneRightDeg)), ry(-pose.armElevRightDeg));
  const lumbosacral = add(hips, rotate(pelvis, [-0.04 * k, 0, 0.06 * h]));
  return { pelvis, trunk, armLeft, armRight, hips, lumbosacral };
}

/** Where a placement's sensor sits on the skin, metres (world). */
export function sitePosition(body: BodyState, placement: Placement, profile: BodyProfile): Vec3 {
  const h = profile.heightM;
  const k = h / 1.75;
  switch (placement) {
    case 'pelvis': // front of the belt
      return add(body.hips, rotate(body.pelvis, [0.12 * k, 0, 0.06 * h]));
    case 'trunk': // upper back, between the shoulder blades
      return add(body.lumbosacral, rotate(body.trunk, [-0.1 * k, 0, 0.2 * h]));
    case 'upper_arm_left': {
      const shoulder = add(body.lumbosacral, rotate(body.trunk, [0, 0.11 * h, 0.26 * h]));
      return add(shoulder, rotate(body.armLeft, [0, 0.05 * k, -0.09 * h]));
    }
    case 'upper_arm_right': {
      const shoulder = add(body.lumbosacral, rotate(body.trunk, [0, -0.11 * h, 0.26 * h]));
      return add(shoulder, rotate(body.armRight, [0, -0.05 * k, -0.09 * h]));
    }
  }
}

/** The segment's z axis (its long axis, towards the head / shoulder) in world coordinates. */
export function upAxis(q: Quat): Vec3 {
  const [w, x, y, z] = q;
  return [2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)];
}

/** Segment orientation a placement's sensor sits on. */
export function segmentOf(body: BodyState, placement: Placement): Quat {
  switch (placement) {
    case 'trunk':
      return body.trunk;
    case 'pelvis':
      return body.pelvis;
    case 'upper_arm_left':
      return body.armLeft;
    case 'upper_arm_right':
      return body.armRight;
  }
}

/** Quaternion of the rotation whose matrix has columns bx, by, bz (sensor axes in segment frame). */
export function quatFromBasis(bx: Vec3, by: Vec3, bz: Vec3): Quat {
  const [m00, m10, m20] = bx;
  const [m01, m11, m21] = by;
  const [m02, m12, m22] = bz;
  const tr = m00 + m11 + m22;
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2;
    return [0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s];
  }
  if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    return [(m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s];
  }
  if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    return [(m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s];
  }
  const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
  return [(m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s];
}

/**
 * Nominal mounting (sensor frame → segment frame): the device's x axis points up the segment
 * (as the UCI HAPT phone's did) and its z axis out of the body surface.
 */
export const NOMINAL_MOUNT: Record<Placement, Quat> = {
  trunk: quatFromBasis([0, 0, 1], [0, 1, 0], [-1, 0, 0]),
  pelvis: quatFromBasis([0, 0, 1], [0, -1, 0], [1, 0, 0]),
  upper_arm_left: quatFromBasis([0, 0, 1], [1, 0, 0], [0, 1, 0]),
  upper_arm_right: quatFromBasis([0, 0, 1], [-1, 0, 0], [0, -1, 0]),
};
