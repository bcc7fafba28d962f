import { EXPOSURE_ZONES, HAZARD_TYPES, POSTURE_CLASSES, SEVERITIES } from '@haltung/protocol';
import type { Cell } from '../aggregate/cell.js';

/**
 * What the server stores in InfluxDB (documented in server/README.md). Tags hold only the site,
 * zone, bucket length, hazard, severity and `writer` (the server instance that owns the running
 * total); nothing names a person or a device.
 */
export const MEASUREMENTS = {
  zone: 'zone_bucket',
  hazard: 'hazard_bucket',
  audit: 'settings_audit',
} as const;
/** Retention policy that keeps the settings audit log for good (data uses the configured one). */
export const AUDIT_RP = 'haltung_audit';

export const ZONE_TAGS = ['site', 'zone', 'bucket', 'writer'] as const;
export const HAZARD_TAGS = ['site', 'zone', 'bucket', 'hazard', 'severity', 'writer'] as const;

export const postureField = (c: string) => `posture_${c}_s`;
export const exposureField = (z: string) => `exposure_${z}_s`;

/** Every field of `zone_bucket`, for docs and tests. */
export const ZONE_FIELDS = [
  'contributors',
  'observed_s',
  ...POSTURE_CLASSES.map(postureField),
  ...EXPOSURE_ZONES.map(exposureField),
  'lifts_total',
  'lifts_stooped',
  'acks',
  'snoozes',
  'model_version',
];
export const HAZARD_FIELDS = ['count', 'contributors'];

/**
 * Line protocol for a cell's running total as written by `writer`. Same measurement, tags and
 * timestamp every time, so a rewrite overwrites the previous total (idempotent).
 */
export function cellLines(cell: Cell, writer: string): string[] {
  const base = `site=${cell.siteId},zone=${cell.zoneId},bucket=${cell.bucketSeconds}`;
  const t = cell.bucketStartMs;
  const fields = [
    `contributors=${cell.contributors}i`,
    `observed_s=${float(cell.observedS)}`,
    ...POSTURE_CLASSES.map((c) => `${postureField(c)}=${float(cell.postureS[c])}`),
    ...EXPOSURE_ZONES.map((z) => `${exposureField(z)}=${float(cell.exposureS[z])}`),
    `lifts_total=${cell.liftsTotal}i`,
    `lifts_stooped=${cell.liftsStooped}i`,
    `acks=${cell.acks}i`,
    `snoozes=${cell.snoozes}i`,
    `model_version="${cell.modelVersion.replace(/["\\]/g, '')}"`,
  ];
  const lines = [`${MEASUREMENTS.zone},${base},writer=${writer} ${fields.join(',')} ${t}`];
  for (const h of HAZARD_TYPES) {
    for (const sev of SEVERITIES) {
      const n = cell.hazards[h][sev];
      // Counts only grow, so a hazard point once written is rewritten on every later change.
      if (n === 0) continue;
      lines.push(
        `${MEASUREMENTS.hazard},${base},hazard=${h},severity=${sev},writer=${writer} count=${n}i,contributors=${cell.contributors}i ${t}`,
      );
    }
  }
  return lines;
}

/** Floats always carry a decimal point so InfluxDB never sees the field as an integer. */
function float(n: number): string {
  const s = String(Math.round(n * 1000) / 1000);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}
