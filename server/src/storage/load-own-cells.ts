import { EXPOSURE_ZONES, HAZARD_TYPES, type HazardType, POSTURE_CLASSES } from '@haltung/protocol';
import { type Cell, cellId, emptyCell } from '../aggregate/cell.js';
import { type InfluxClient, rows } from './influx-client.js';
import { exposureField, MEASUREMENTS, postureField } from './schema.js';

/**
 * Reads back the running totals this instance (`writer`) stored for buckets since `sinceMs`, so a
 * restarted instance continues its totals instead of overwriting them with smaller ones.
 */
export async function loadOwnCells(
  influx: InfluxClient,
  rp: string,
  writer: string,
  sinceMs: number,
): Promise<Cell[]> {
  const where = `WHERE "writer" = '${writer}' AND time >= ${sinceMs}ms`;
  const [zoneSeries, hazardSeries] = await influx.query(
    `SELECT * FROM "${rp}"."${MEASUREMENTS.zone}" ${where}; ` +
      `SELECT * FROM "${rp}"."${MEASUREMENTS.hazard}" ${where}`,
  );
  const cells = new Map<string, Cell>();
  for (const series of zoneSeries ?? []) {
    for (const r of rows(series)) {
      const cell = emptyCell({
        siteId: String(r.site),
        zoneId: String(r.zone),
        bucketStartMs: Number(r.time),
        bucketSeconds: Number(r.bucket),
      });
      cell.contributors = num(r.contributors);
      cell.observedS = num(r.observed_s);
      for (const c of POSTURE_CLASSES) cell.postureS[c] = num(r[postureField(c)]);
      for (const z of EXPOSURE_ZONES) cell.exposureS[z] = num(r[exposureField(z)]);
      cell.liftsTotal = num(r.lifts_total);
      cell.liftsStooped = num(r.lifts_stooped);
      cell.acks = num(r.acks);
      cell.snoozes = num(r.snoozes);
      cell.modelVersion = typeof r.model_version === 'string' ? r.model_version : '';
      cells.set(cellId(cell), cell);
    }
  }
  for (const series of hazardSeries ?? []) {
    for (const r of rows(series)) {
      const id = cellId({
        siteId: String(r.site),
        zoneId: String(r.zone),
        bucketStartMs: Number(r.time),
        bucketSeconds: Number(r.bucket),
      });
      const cell = cells.get(id);
      const hazard = String(r.hazard) as HazardType;
      const severity = r.severity === 'high' ? 'high' : 'warning';
      if (cell && HAZARD_TYPES.includes(hazard)) cell.hazards[hazard][severity] = num(r.count);
    }
  }
  return [...cells.values()];
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
