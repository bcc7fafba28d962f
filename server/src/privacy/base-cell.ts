import type { ExposureZone, HazardType } from '@haltung/protocol';

/**
 * One stored (zone, bucket) cell summed over all writers: the finest group that exists. Its
 * `contributors` is the number of device summaries merged, i.e. devices in that zone and bucket.
 */
export interface BaseCell {
  zoneId: string;
  tMs: number;
  bucketSeconds: number;
  contributors: number;
  observedS: number;
  exposureS: Partial<Record<ExposureZone, number>>;
  liftsTotal: number;
  liftsStooped: number;
  /** Warnings of all severities per hazard. */
  hazards: Partial<Record<HazardType, number>>;
}

export const hazardCount = (c: BaseCell, hazard?: HazardType): number =>
  hazard ? (c.hazards[hazard] ?? 0) : Object.values(c.hazards).reduce((a, b) => a + (b ?? 0), 0);
