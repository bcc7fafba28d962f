import type { ExposureZone, HazardType, PostureClass, Severity } from '@haltung/protocol';

/** What one device accumulates for one (zone, bucket): counts and seconds only, no identifier. */
export interface SummaryCounts {
  observedSeconds: number;
  postureSeconds: Partial<Record<PostureClass, number>>;
  exposureSeconds: Partial<Record<ExposureZone, number>>;
  hazards: Partial<Record<HazardType, { warning: number; high: number }>>;
  lifts: { total: number; stooped: number };
  acks: number;
  snoozes: number;
}

export const emptyCounts = (): SummaryCounts => ({
  observedSeconds: 0,
  postureSeconds: {},
  exposureSeconds: {},
  hazards: {},
  lifts: { total: 0, stooped: 0 },
  acks: 0,
  snoozes: 0,
});

export function addHazard(counts: SummaryCounts, hazard: HazardType, severity: Severity): void {
  const entry = counts.hazards[hazard] ?? { warning: 0, high: 0 };
  entry[severity] += 1;
  counts.hazards[hazard] = entry;
}

export function addPosture(counts: SummaryCounts, posture: PostureClass, seconds: number): void {
  counts.postureSeconds[posture] = (counts.postureSeconds[posture] ?? 0) + seconds;
}

export function addExposure(counts: SummaryCounts, zone: ExposureZone, seconds: number): void {
  counts.exposureSeconds[zone] = (counts.exposureSeconds[zone] ?? 0) + seconds;
}
