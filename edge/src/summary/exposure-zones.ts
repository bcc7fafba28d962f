import type { ExposureZone } from '@haltung/protocol';

/**
 * The ISO 11226 exposure zones a sample falls in (EXPOSURE_ZONES): trunk bands are exclusive
 * (20–45°, 45–60°, > 60°); `arm_over_60` includes time above 90°, `arm_over_90` is the overhead
 * share of it. NaN angles (not measured) fall in none.
 */
export function exposureZones(trunkFlexionDeg: number, armElevationDeg: number, out: ExposureZone[]): void {
  out.length = 0;
  if (trunkFlexionDeg > 60) out.push('trunk_over_60');
  else if (trunkFlexionDeg >= 45) out.push('trunk_45_60');
  else if (trunkFlexionDeg >= 20) out.push('trunk_20_45');
  if (armElevationDeg > 60) out.push('arm_over_60');
  if (armElevationDeg > 90) out.push('arm_over_90');
}
