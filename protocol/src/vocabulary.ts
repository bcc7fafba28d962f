/**
 * The shared words of Haltung: sensor placements, posture classes, hazards and severities.
 * Every package names these through the constants here so that the wire, the model, the rules
 * and the dashboard can never disagree about a spelling.
 */

/**
 * Where an IMU is worn. The binary frame header carries the index into this list, so the
 * order is part of the wire format: append only, never reorder.
 * - `trunk`: upper back, between the shoulder blades (measures trunk inclination best).
 * - `pelvis`: belt or waist (what most phones and the UCI HAPT data use).
 * - `upper_arm_left` / `upper_arm_right`: lateral upper arm (arm elevation, overhead work).
 */
export const PLACEMENTS = ['trunk', 'pelvis', 'upper_arm_left', 'upper_arm_right'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/**
 * Posture/activity classes the edge model reports per window. Seconds per class are part of
 * the anonymous summary, so this list is part of the summary schema too.
 * - `stooping`: trunk bent forward with the knees (nearly) straight.
 * - `squatting_kneeling`: knees bent deeply or on the knees; a trunk or waist sensor alone
 *   cannot tell squatting from kneeling (OWAS leg codes need thigh sensors).
 * - `lifting`: the few seconds of a lift (LMM-HHT: a lift lasts < 5 s).
 * - `overhead`: upper arm elevated above the shoulder (needs an upper-arm sensor).
 */
export const POSTURE_CLASSES = [
  'standing',
  'walking',
  'sitting',
  'lying',
  'stooping',
  'squatting_kneeling',
  'lifting',
  'overhead',
] as const;
export type PostureClass = (typeof POSTURE_CLASSES)[number];

/**
 * Hazards the ergonomic rules can raise (see ../shared/reference/ergonomics.md §3.8):
 * - `trunk_flexion_held`: trunk 20–60° held past the ISO 11226 maximum holding time.
 * - `trunk_flexion_severe`: trunk > 60° held ≥ 10 s (LMM-KH), or beyond the severe limit at once.
 * - `trunk_twist`: twist or side bend held, or twist combined with a deep bend.
 * - `arm_elevation_held`: upper arm 20–60° past its holding time, or > 60° held ≥ 10 s.
 * - `arm_overhead`: upper arm above 90° (overhead work).
 * - `bending_frequency`: bends beyond 20° at ≥ 2 per minute (EN 1005-4).
 * - `lift_stooped`: a lift done with the trunk bent and the knees straight.
 * - `lifting_frequency`: lifts at a rate above the configured limit.
 */
export const HAZARD_TYPES = [
  'trunk_flexion_held',
  'trunk_flexion_severe',
  'trunk_twist',
  'arm_elevation_held',
  'arm_overhead',
  'bending_frequency',
  'lift_stooped',
  'lifting_frequency',
] as const;
export type HazardType = (typeof HAZARD_TYPES)[number];

/** Warning severity: `warning` when a limit is crossed, `high` when it goes on (escalation). */
export const SEVERITIES = ['warning', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Strain level per window, combining posture, holding time and dynamics. */
export const STRAIN_LEVELS = ['low', 'elevated', 'high'] as const;
export type StrainLevel = (typeof STRAIN_LEVELS)[number];

/**
 * Exposure zones (seconds spent in each are summed per zone and bucket), after ISO 11226:
 * trunk inclination 20–45°, 45–60°, > 60°; upper-arm elevation > 60° and > 90°.
 */
export const EXPOSURE_ZONES = [
  'trunk_20_45',
  'trunk_45_60',
  'trunk_over_60',
  'arm_over_60',
  'arm_over_90',
] as const;
export type ExposureZone = (typeof EXPOSURE_ZONES)[number];
