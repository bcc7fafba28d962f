/**
 * One posture sample as the rule engine sees it: angles in degrees relative to the wearer's
 * upright reference, `NaN` where the device's sensors cannot measure it (e.g. no arm sensor).
 */
export interface PostureSample {
  /** Sample time, ms since the Unix epoch (sensor clock). */
  tMs: number;
  /** Forward trunk inclination, degrees (negative = leaning back). */
  trunkFlexionDeg: number;
  /** Lateral trunk bend, degrees (sign = side). */
  trunkSideBendDeg: number;
  /** Upper-arm elevation from hanging down, degrees. */
  armElevationDeg: number;
}

/** A detected lift. */
export interface LiftEvent {
  /** Time the lift started, ms since the Unix epoch. */
  tMs: number;
  /** Done with the back bent and the knees (nearly) straight. */
  stooped: boolean;
}

export const emptySample = (tMs: number): PostureSample => ({
  tMs,
  trunkFlexionDeg: Number.NaN,
  trunkSideBendDeg: Number.NaN,
  armElevationDeg: Number.NaN,
});
