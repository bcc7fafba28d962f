import {
  EXPOSURE_ZONES,
  type ExposureZone,
  HAZARD_TYPES,
  type HazardType,
  POSTURE_CLASSES,
  type PostureClass,
  type Summary,
} from '@haltung/protocol';

/** Hazard counts by severity. */
export interface SeverityCounts {
  warning: number;
  high: number;
}

/**
 * The running totals of one (site, zone, bucket): the only thing the server keeps. Every number is a
 * sum over the device summaries merged; `contributors` is how many were merged.
 */
export interface CellTotals {
  contributors: number;
  observedS: number;
  postureS: Record<PostureClass, number>;
  exposureS: Record<ExposureZone, number>;
  hazards: Record<HazardType, SeverityCounts>;
  liftsTotal: number;
  liftsStooped: number;
  acks: number;
  snoozes: number;
  modelVersion: string;
}

export interface CellKey {
  siteId: string;
  zoneId: string;
  bucketStartMs: number;
  bucketSeconds: number;
}

export interface Cell extends CellKey, CellTotals {}

export const cellId = (k: CellKey): string => `${k.siteId}/${k.zoneId}/${k.bucketStartMs}/${k.bucketSeconds}`;

export function emptyTotals(): CellTotals {
  return {
    contributors: 0,
    observedS: 0,
    postureS: Object.fromEntries(POSTURE_CLASSES.map((c) => [c, 0])) as Record<PostureClass, number>,
    exposureS: Object.fromEntries(EXPOSURE_ZONES.map((z) => [z, 0])) as Record<ExposureZone, number>,
    hazards: Object.fromEntries(HAZARD_TYPES.map((h) => [h, { warning: 0, high: 0 }])) as Record<
      HazardType,
      SeverityCounts
    >,
    liftsTotal: 0,
    liftsStooped: 0,
    acks: 0,
    snoozes: 0,
    modelVersion: '',
  };
}

export function emptyCell(key: CellKey): Cell {
  return { ...key, ...emptyTotals() };
}

/** Lifts are far more frequent than warnings: one device adds at most this many per bucket. */
export const liftClipOf = (clipCount: number): number => 10 * clipCount;

/**
 * Adds one device summary to a cell, clipping each hazard count to `clipCount` (lifts to
 * `liftClipOf(clipCount)`) so one device can
 * move a published count by at most that much (the sensitivity the Laplace noise is scaled to).
 * Returns how many counts were clipped away.
 */
export function mergeSummary(cell: Cell, s: Summary, clipCount: number): number {
  let clipped = 0;
  cell.contributors += 1;
  cell.observedS += s.observedSeconds;
  for (const c of POSTURE_CLASSES) cell.postureS[c] += s.postureSeconds[c] ?? 0;
  for (const z of EXPOSURE_ZONES) cell.exposureS[z] += s.exposureSeconds[z] ?? 0;
  for (const h of HAZARD_TYPES) {
    const counts = s.hazards[h];
    if (!counts) continue;
    for (const sev of ['warning', 'high'] as const) {
      const n = Math.min(counts[sev], clipCount);
      clipped += counts[sev] - n;
      cell.hazards[h][sev] += n;
    }
  }
  const liftClip = liftClipOf(clipCount);
  const lifts = Math.min(s.lifts.total, liftClip);
  const stooped = Math.min(s.lifts.stooped, liftClip);
  clipped += s.lifts.total - lifts + (s.lifts.stooped - stooped);
  cell.liftsTotal += lifts;
  cell.liftsStooped += stooped;
  cell.acks += s.acks;
  cell.snoozes += s.snoozes;
  cell.modelVersion = s.modelVersion;
  return clipped;
}

export function cloneCell(cell: Cell): Cell {
  return {
    ...cell,
    postureS: { ...cell.postureS },
    exposureS: { ...cell.exposureS },
    hazards: Object.fromEntries(HAZARD_TYPES.map((h) => [h, { ...cell.hazards[h] }])) as Cell['hazards'],
  };
}
