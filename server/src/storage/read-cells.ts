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

/**
 * Stored cells of a site in [fromMs, toMs), summed over writers (instances). Every bucket length is
 * a whole number of minutes and starts aligned to itself, so grouping by 1 minute and by the
 * `bucket` tag yields exactly one group per stored cell. Ids are checked by the API schema
 * (`[a-z0-9_-]`), so they can be quoted into InfluxQL safely.
 */
export async function readCells(influx: InfluxClient, rp: string, q: CellQuery): Promise<BaseCell[]> {
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
    .map((f) => `sum("${f}") AS "${f}"`)
    .join(', ');
  const [zoneSeries, hazardSeries] = await influx.query(
    `SELECT ${zoneFields} FROM "${rp}"."${MEASUREMENTS.zone}" WHERE ${where} ` +
      `GROUP BY time(1m), "zone", "bucket" fill(none); ` +
      `SELECT sum("count") AS "count" FROM "${rp}"."${MEASUREMENTS.hazard}" WHERE ${where}${hazardWhere} ` +
      `GROUP BY time(1m), "zone", "bucket", "hazard" fill(none)`,
  );
  const cells = new Map<string, BaseCell>();
  for (const series of zoneSeries ?? []) {
    const zoneId = series.tags?.zone ?? '';
    const bucketSeconds = Number(series.tags?.bucket);
    for (const r of rows(series)) {
      const tMs = Number(r.time);
      cells.set(`${zoneId}/${tMs}/${bucketSeconds}`, {
        zoneId,
        tMs,
        bucketSeconds,
        contributors: num(r.contributors),
        observedS: num(r.observed_s),
        exposureS: Object.fromEntries(EXPOSURE_ZONES.map((z) => [z, num(r[exposureField(z)])])),
        liftsTotal: num(r.lifts_total),
        liftsStooped: num(r.lifts_stooped),
        hazards: {},
      });
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

/** The newest model version seen in any stored cell (null before the first summary). */
export async function readModelVersion(influx: InfluxClient, rp: string): Promise<string | null> {
  const [series] = await influx.query(`SELECT last("model_version") FROM "${rp}"."${MEASUREMENTS.zone}"`);
  const v = series?.[0]?.values[0]?.[1];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
