import { angleBetween, cross, dot, RAD_TO_DEG, type Vec3 } from '../math/vec3.js';

/** Angles of the current up direction relative to the wearer's upright reference, degrees. */
export interface PostureAngles {
  /** Total tilt from upright, 0–180°. For an upper-arm sensor this is the arm elevation. */
  inclinationDeg: number;
  /** Tilt in the sagittal plane, + forward; equals inclinationDeg when no forward axis is known. */
  flexionDeg: number;
  /**
   * Tilt of the trunk axis out of the sagittal plane, + to the wearer's left (as the simulator's truth), −90…90° (inclinometry
   * convention: asin of the lateral component); 0 when no forward axis is known.
   */
  sideBendDeg: number;
}

/**
 * Splits the tilt of `up` (current unit up direction, sensor frame) from `upright` (the up
 * direction when the wearer stood upright) into forward flexion and side bend, given the
 * wearer's `forward` axis in the sensor frame (perpendicular to upright; null if unknown).
 * In the wearer's frame (F forward, L = U × F left, U up) a forward bend by θ shows the world's up
 * as cos θ·U − sin θ·F, a bend to the left as cos θ·U − sin θ·L.
 */
export function postureAngles(up: Vec3, upright: Vec3, forward: Vec3 | null): PostureAngles {
  const inclinationDeg = angleBetween(up, upright) * RAD_TO_DEG;
  if (forward === null) return { inclinationDeg, flexionDeg: inclinationDeg, sideBendDeg: 0 };
  const u = dot(up, upright);
  const f = dot(up, forward);
  const l = dot(up, cross(upright, forward));
  return {
    inclinationDeg,
    flexionDeg: Math.atan2(-f, u) * RAD_TO_DEG,
    sideBendDeg: Math.asin(Math.max(-1, Math.min(1, -l))) * RAD_TO_DEG,
  };
}

/** `up` expressed in the wearer's frame as [forward, left, up] components (unit vector). */
export function upInWearerFrame(up: Vec3, upright: Vec3, forward: Vec3 | null): Vec3 {
  const u = dot(up, upright);
  if (forward === null) {
    // Without a forward axis, report all tilt as forward (consistent with flexionDeg).
    return [-Math.sqrt(Math.max(0, 1 - u * u)), 0, u];
  }
  return [dot(up, forward), dot(up, cross(upright, forward)), u];
}
