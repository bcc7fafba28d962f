import type { Quat, Vec3 } from '@haltung/kinematics';
import type { Placement } from '@haltung/protocol';
import type { BodyProfile } from '../types.js';
import type { Pose } from './pose.js';
import { addRotated, copyQuat, mulAxis, mulInto, setAxis } from './quat-buffer.js';

/** Where the worker stands on the site: the walking path's position and heading. */
export interface RootState {
  xM: number;
  yM: number;
  headingDeg: number;
}

/** Slots of the segment quaternions in `BodyKinematics.segments` (4 numbers each). */
export const SEGMENT_SLOT = { pelvis: 0, trunk: 4, armLeft: 8, armRight: 12 } as const;
const PLACEMENT_SLOT: Record<Placement, number> = {
  pelvis: SEGMENT_SLOT.pelvis,
  trunk: SEGMENT_SLOT.trunk,
  upper_arm_left: SEGMENT_SLOT.armLeft,
  upper_arm_right: SEGMENT_SLOT.armRight,
};

/**
 * Forward kinematics of the body model: pelvis → lumbosacral joint → trunk → shoulders → upper
 * arms. Segment frames: x forward, y left, z up (along the segment, towards the head; for the
 * upper arm from elbow to shoulder); world: x forward at heading 0, y left, z up. Positive
 * rotation about y tips a segment forward. Results go into reused buffers (this runs per sample).
 */
export class BodyKinematics {
  /** World orientations of pelvis, trunk, left and right upper arm (see SEGMENT_SLOT). */
  readonly segments = new Float64Array(16);
  private readonly joints = new Float64Array(12);
  private readonly heightM: number;
  private readonly k: number;

  constructor(profile: BodyProfile) {
    this.heightM = profile.heightM;
    this.k = profile.heightM / 1.75;
  }

  /** Poses the body; afterwards `segments` and the sensor sites are up to date. */
  update(pose: Pose, root: RootState): void {
    const q = this.segments;
    const j = this.joints;
    const h = this.heightM;
    const k = this.k;
    const hd = (root.headingDeg * Math.PI) / 180;
    const c = Math.cos(hd);
    const s = Math.sin(hd);
    // Hip joint centre (joints 0..2) and lumbosacral joint (3..5).
    j[0] = root.xM + c * pose.surgeM - s * pose.swayM;
    j[1] = root.yM + s * pose.surgeM + c * pose.swayM;
    j[2] = pose.hipHeightM;
    setAxis(q, 0, 2, root.headingDeg + pose.pelvisYawDeg);
    mulAxis(q, 0, 1, pose.pelvisPitchDeg);
    mulAxis(q, 0, 0, -pose.pelvisRollDeg);
    // Twist first, then side bend, then flexion: bending while twisted bends towards the twist.
    copyQuat(q, 4, q, 0);
    mulAxis(q, 4, 2, pose.trunkTwistDeg);
    mulAxis(q, 4, 0, -pose.trunkSideDeg);
    mulAxis(q, 4, 1, pose.trunkFlexDeg);
    // Elevating the arm forward is a negative rotation about y (the hanging arm swings forward).
    copyQuat(q, 8, q, 4);
    mulAxis(q, 8, 2, pose.armPlaneLeftDeg);
    mulAxis(q, 8, 1, -pose.armElevLeftDeg);
    copyQuat(q, 12, q, 4);
    mulAxis(q, 12, 2, -pose.armPlaneRightDeg);
    mulAxis(q, 12, 1, -pose.armElevRightDeg);
    addRotated(j, 3, j, 0, q, 0, -0.04 * k, 0, 0.06 * h);
    // Shoulders (6..8 left, 9..11 right).
    addRotated(j, 6, j, 3, q, 4, 0, 0.11 * h, 0.26 * h);
    addRotated(j, 9, j, 3, q, 4, 0, -0.11 * h, 0.26 * h);
  }

  /** Writes where a placement's sensor sits on the skin (metres, world) into out[o..o+2]. */
  site(placement: Placement, out: Float64Array, o: number): void {
    const h = this.heightM;
    const k = this.k;
    const q = this.segments;
    const j = this.joints;
    switch (placement) {
      case 'pelvis': // front of the belt
        addRotated(out, o, j, 0, q, 0, 0.12 * k, 0, 0.06 * h);
        return;
      case 'trunk': // upper back, between the shoulder blades
        addRotated(out, o, j, 3, q, 4, -0.1 * k, 0, 0.2 * h);
        return;
      case 'upper_arm_left': // lateral, half way down the upper arm
        addRotated(out, o, j, 6, q, 8, 0, 0.05 * k, -0.09 * h);
        return;
      case 'upper_arm_right':
        addRotated(out, o, j, 9, q, 12, 0, -0.05 * k, -0.09 * h);
        return;
    }
  }

  /** Writes the sensor's world orientation (segment ⊗ mount) into out[o..o+3]. */
  sensorOrientation(placement: Placement, mount: Quat, out: Float64Array, o: number): void {
    mulInto(out, o, this.segments, PLACEMENT_SLOT[placement], mount);
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
