import type { PostureClass, StrainLevel } from '@haltung/protocol';

/**
 * Thresholds of the strain rule, after ../shared/reference/ergonomics.md §3.4 (ISO 11226, linearised
 * holding times), §3.7 (LMM-KH "repeated ≥ 10 s", "once ≥ 1 min") and §3.8 (Soter's severe 85°).
 */
export const STRAIN_LIMITS = {
  /** Trunk flexion up to this is acceptable (ISO 11226), degrees. */
  trunkAcceptableDeg: 20,
  /** Beyond this trunk flexion is not acceptable when held (ISO 11226), degrees. */
  trunkNotAcceptableDeg: 60,
  /** Severe flexion: high at once, degrees. */
  trunkSevereDeg: 85,
  /** Sitting with a waist sensor tilts the pelvis; below this it is not read as trunk flexion, degrees. */
  sittingIgnoreBelowDeg: 45,
  /** Upper-arm elevation up to this is not scored (arm swing, reaching), degrees. */
  armAcceptableDeg: 60,
  /** LMM-KH: an awkward posture counts when held ≥ 10 s repeatedly. */
  awkwardHoldS: 10,
  /** LMM-KH: squatting/kneeling held ≥ 1 min once. */
  kneelingHoldS: 60,
  /** Trunk flexion rate above this is fast (jerky) bending, degrees per second. */
  fastBendingDegS: 90,
} as const;

/** ISO 11226 maximum acceptable holding time, linearised: 240 s at 20° falling to 60 s at 60°. */
export function trunkMaxHoldS(flexionDeg: number): number {
  const clamped = Math.min(60, Math.max(20, flexionDeg));
  return 240 - ((clamped - 20) * (240 - 60)) / 40;
}

/** What one window tells about strain. Angles relative to the wearer's upright reference. */
export interface StrainInput {
  posture: PostureClass;
  /** Trunk flexion of the window (its mean), degrees, forward positive. */
  trunkFlexionDeg: number;
  /** Seconds the trunk has been continuously beyond 20° up to the end of this window (0 if not). */
  trunkOver20HoldS: number;
  /** Seconds the trunk has been continuously beyond 60° up to the end of this window (0 if not). */
  trunkOver60HoldS: number;
  /** Upper-arm elevation (0 = hanging), degrees; omit without an arm sensor. */
  armElevationDeg?: number;
  /** Seconds the arm has been continuously above 60°; omit without an arm sensor. */
  armOver60HoldS?: number;
  /** Seconds of the current squatting/kneeling stretch, including this window. */
  postureHoldS?: number;
  /** Peak absolute trunk flexion rate in the window, degrees per second. */
  peakFlexionRateDegS?: number;
  /** Peak trunk flexion in the window, degrees (defaults to the mean). */
  peakTrunkFlexionDeg?: number;
  /** A lift happened in this window (lift detection or the `lifting` class). */
  lift?: boolean;
}

const LEVELS: readonly StrainLevel[] = ['low', 'elevated', 'high'];
const raise = (a: number, b: number) => Math.max(a, b);

/**
 * Strain level of one window. The rule (models/README.md "Strain rule"):
 * 1. Static posture. Trunk ≥ 85° → high. Trunk > 60° → elevated, high once held ≥ 10 s. Trunk 20–60° →
 *    elevated, high once held past the ISO 11226 holding time (240 s at 20° → 60 s at 60°). Lying is
 *    always low (the body is supported); sitting ignores trunk readings below 45° (pelvic tilt, backrest).
 *    Arm > 60° → elevated, high once held ≥ 10 s. Squatting/kneeling → elevated, high after 60 s.
 *    Overhead → elevated (high with the arm hold as above).
 * 2. Dynamics. A lift is at least elevated, and high when the trunk passes 60° (stooped lift). Fast
 *    bending (> 90°/s with the trunk beyond 20°) raises the level one step.
 */
export function strainLevel(input: StrainInput): StrainLevel {
  const L = STRAIN_LIMITS;
  if (input.posture === 'lying') return 'low';
  let level = 0;
  const flex = input.trunkFlexionDeg;
  const trunkCounts = input.posture !== 'sitting' || flex >= L.sittingIgnoreBelowDeg;
  if (trunkCounts) {
    if (flex >= L.trunkSevereDeg) level = 2;
    else if (flex > L.trunkNotAcceptableDeg) {
      level = input.trunkOver60HoldS >= L.awkwardHoldS ? 2 : 1;
    } else if (flex > L.trunkAcceptableDeg) {
      level = input.trunkOver20HoldS >= trunkMaxHoldS(flex) ? 2 : 1;
    }
  }
  const arm = input.armElevationDeg;
  if (arm !== undefined && arm > L.armAcceptableDeg) {
    level = raise(level, (input.armOver60HoldS ?? 0) >= L.awkwardHoldS ? 2 : 1);
  }
  if (input.posture === 'overhead') level = raise(level, 1);
  if (input.posture === 'squatting_kneeling') {
    level = raise(level, (input.postureHoldS ?? 0) >= L.kneelingHoldS ? 2 : 1);
  }
  const peakFlex = Math.max(flex, input.peakTrunkFlexionDeg ?? flex);
  if (input.lift || input.posture === 'lifting') {
    level = raise(level, peakFlex > L.trunkNotAcceptableDeg ? 2 : 1);
  }
  if ((input.peakFlexionRateDegS ?? 0) > L.fastBendingDegS && peakFlex > L.trunkAcceptableDeg) {
    level = Math.min(2, level + 1);
  }
  return LEVELS[level] as StrainLevel;
}
