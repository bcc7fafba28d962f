import { EXPOSURE_ZONES, HAZARD_TYPES, type HazardType } from '@haltung/protocol';
import type { BaseCell } from '../privacy/base-cell.js';
import { type InfluxClient, rows } from './influx-client.js';
import { exposureField, MEASUREMENTS } from './schema.js';

export interface CellQuery {
  siteId: string;
  fromMs: number;
  toMs: number;
  zoneId?: string;
  hazard?: HazardType;
}

/** The two InfluxQL statements behind `readCells` (also used by the benchmark as the direct baseline). */
export function cellsInfluxQL(rp: string, q: CellQuery): string {
  const where = [
    `"site" = '${q.siteId}'`,
    ...(q.zoneId ? [`"zone" = '${q.zoneId}'`] : []),
    `time >= ${Math.floor(q.fromMs)}ms`,
    `time < ${Math.ceil(q.toMs)}ms`,
  ].join(' AND ');
  const hazardWhere = q.hazard ? ` AND "hazard" = '${q.hazard}'` : '';
  const zoneFields = [
    'contributors',
    'observed_s',
    ...EXPOSURE_ZONES.map(exposureField),
    'lifts_total',
    'lifts_stooped',
  ]
    .map((f) => `"${f}"`)
    .join(', ');
  return (
    `SELECT ${zoneFields} FROM "${rp}"."${MEASUREMENTS.zone}" WHERE ${where} ` +
    `GROUP BY "zone", "bucket"; ` +
    `SELECT "count" FROM "${rp}"."${MEASUREMENTS.hazard}" WHERE ${where}${hazardWhere} ` +
    `GROUP BY "zone", "bucket", "hazard"`
  );
}

/**
 * Stored cells of a site in [fromMs, toMs), summed over writers (instances): each writer's point
 * of a (zone, bucket start, bucket length) is one share of that cell. Ids are checked by the API
 * schema (`[a-z0-9_-]`), so they can be quoted into InfluxQL safely.
 */
export async function readCells(influx: InfluxClient, rp: string, q: CellQuery): Promise<BaseCell[]> {
  const [zoneSeries, hazardSeries] = await influx.query(cellsInfluxQL(rp, q));
  const cells = new Map<string, BaseCell>();
  for (const series of zoneSeries ?? []) {
    const zoneId = series.tags?.zone ?? '';
    const bucketSeconds = Number(series.tags?.bucket);
    for (const r of rows(series)) {
      const tMs = Number(r.time);
      const key = `${zoneId}/${tMs}/${bucketSeconds}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          zoneId,
          tMs,
          bucketSeconds,
          contributors: 0,
          observedS: 0,
          exposureS: {},
          liftsTotal: 0,
          liftsStooped: 0,
          hazards: {},
        };
        cells.set(key, cell);
      }
      cell.contributors += num(r.contributors);
      cell.observedS += num(r.observed_s);
      for (const z of EXPOSURE_ZONES) cell.exposureS[z] = (cell.exposureS[z] ?? 0) + num(r[exposureField(z)]);
      cell.liftsTotal += num(r.lifts_total);
      cell.liftsStooped += num(r.lifts_stooped);
    }
  }
  for (const series of hazardSeries ?? []) {
    const hazard = series.tags?.hazard as HazardType;
    if (!HAZARD_TYPES.includes(hazard)) continue;
    for (const r of rows(series)) {
      const cell = cells.get(`${series.tags?.zone}/${Number(r.time)}/${Number(series.tags?.bucket)}`);
      if (cell) cell.hazards[hazard] = (cell.hazards[hazard] ?? 0) + num(r.count);
    }
  }
  return [...cells.values()].sort((a, b) => a.tMs - b.tMs || a.zoneId.localeCompare(b.zoneId));
}

/** Sites and their zones that have stored data (from the series index, cheap). */
export async function readSites(influx: InfluxClient, rp: string): Promise<Map<string, Set<string>>> {
  const [series] = await influx.query(`SHOW SERIES FROM "${rp}"."${MEASUREMENTS.zone}"`);
  const sites = new Map<string, Set<string>>();
  for (const s of series ?? []) {
    for (const [key] of s.values) {
      const tags = Object.fromEntries(
        String(key)
          .split(',')
          .slice(1)
          .map((kv) => kv.split('=') as [string, string]),
      );
      if (!tags.site || !tags.zone) continue;
      const zones = sites.get(tags.site) ?? new Set<string>();
      zones.add(tags.zone);
      sites.set(tags.site, zones);
    }
  }
  return sites;
}

/**
 * The newest model version stored with at least `k` contributors (null before that): a version string
 * reported by only a few devices is not shown, so it cannot single them out.
 */
export async function readModelVersion(influx: InfluxClient, rp: string, k: number): Promise<string | null> {
  const [series] = await influx.query(
    `SELECT last("model_version") FROM "${rp}"."${MEASUREMENTS.zone}" WHERE "contributors" >= ${Math.floor(k)}`,
  );
  const v = series?.[0]?.values[0]?.[1];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
