import {
  type Cell,
  EXPOSURE_ZONES,
  HAZARD_TYPES,
  type HazardType,
  type HotspotsResponse,
  type LiveMessage,
  type PeriodSummaryResponse,
  type TrendsResponse,
} from '@haltung/protocol';
import { type BaseCell, hazardCount } from '../privacy/base-cell.js';
import { type Protector, ratePerHour, shown } from '../privacy/protector.js';
import { localSlot } from '../privacy/time-slots.js';

type Figures = { count: Cell; workerHours: Cell; rate: Cell };

/** Count, worker-hours and rate of a roll-up, over its parts that pass k only. */
function figures(p: Protector, parts: BaseCell[], key: string, hazard?: HazardType): Figures {
  const gate = p.gate(parts);
  if (!gate.ok) return { count: gate.cell, workerHours: gate.cell, rate: gate.cell };
  const count = p.count(
    sum(gate.parts, (c) => hazardCount(c, hazard)),
    `${key}|count`,
  );
  const hours =
    p.seconds(
      sum(gate.parts, (c) => c.observedS),
      `${key}|observed`,
    ) / 3600;
  return { count: shown(count, 0), workerHours: shown(hours), rate: shown(ratePerHour(count, hours)) };
}

const sum = (cells: BaseCell[], f: (c: BaseCell) => number) => cells.reduce((a, c) => a + f(c), 0);

function groupBy<K>(cells: BaseCell[], key: (c: BaseCell) => K): Map<K, BaseCell[]> {
  const out = new Map<K, BaseCell[]>();
  for (const c of cells) {
    const k = key(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

const zonesOf = (cells: BaseCell[]) => [...new Set(cells.map((c) => c.zoneId))].sort();

/** Hazard trends: one series per zone and hazard, one point per interval that has data. */
export function trendsAnswer(
  p: Protector,
  siteId: string,
  cells: BaseCell[],
  intervalSeconds: number,
  hazard?: HazardType,
): TrendsResponse {
  const intervalMs = intervalSeconds * 1000;
  const series: TrendsResponse['series'] = [];
  for (const [zoneId, zoneCells] of groupBy(cells, (c) => c.zoneId)) {
    const byInterval = groupBy(zoneCells, (c) => Math.floor(c.tMs / intervalMs) * intervalMs);
    for (const h of hazard ? [hazard] : HAZARD_TYPES) {
      const points = [...byInterval].map(([tMs, parts]) => ({
        tMs,
        ...figures(p, parts, `trend|${siteId}|${zoneId}|${h}|${tMs}|${intervalSeconds}`, h),
      }));
      series.push({ zoneId, hazard: h, points });
    }
  }
  series.sort((a, b) => a.zoneId.localeCompare(b.zoneId));
  return { siteId, intervalSeconds, privacy: p.note, series };
}

/** Hot spots: zone × hour of day (or weekday) in `timeZone`, over the whole range. */
export function hotspotsAnswer(
  p: Protector,
  siteId: string,
  cells: BaseCell[],
  by: 'hour' | 'weekday',
  timeZone: string,
  hazard: HazardType | undefined,
  rangeKey: string,
): HotspotsResponse {
  const groups = groupBy(cells, (c) => {
    const slot = localSlot(c.tMs, timeZone);
    return `${c.zoneId}|${by === 'hour' ? slot.hour : slot.weekday}`;
  });
  const out: HotspotsResponse['cells'] = [];
  for (const [key, parts] of groups) {
    const [zoneId = '', slot = '0'] = key.split('|');
    out.push({
      zoneId,
      slot: Number(slot),
      ...figures(p, parts, `hot|${siteId}|${key}|${by}|${hazard ?? '*'}|${rangeKey}`, hazard),
    });
  }
  out.sort((a, b) => a.zoneId.localeCompare(b.zoneId) || a.slot - b.slot);
  return { siteId, by, timeZone, privacy: p.note, cells: out };
}

/** Period summary per zone: this period and, for the rates, the period of equal length before it. */
export function summaryAnswer(
  p: Protector,
  siteId: string,
  fromMs: number,
  toMs: number,
  cells: BaseCell[],
  hazard?: HazardType,
): PeriodSummaryResponse {
  const current = cells.filter((c) => c.tMs >= fromMs);
  const previous = cells.filter((c) => c.tMs < fromMs);
  const zones = zonesOf(current).map((zoneId) => {
    const key = `sum|${siteId}|${zoneId}|${fromMs}|${toMs}`;
    const now = p.gate(current.filter((c) => c.zoneId === zoneId));
    const before = p.gate(previous.filter((c) => c.zoneId === zoneId));
    const hazards = (hazard ? [hazard] : HAZARD_TYPES).map((h) => {
      const f = figures(p, now.ok ? now.parts : [], `${key}|${h}`, h);
      const prev = figures(p, before.ok ? before.parts : [], `${key}|prev|${h}`, h);
      return { hazard: h, rate: f.rate, previousRate: prev.rate, count: f.count };
    });
    if (!now.ok) {
      const s = now.cell;
      const exposureShare = Object.fromEntries(EXPOSURE_ZONES.map((z) => [z, s]));
      return { zoneId, workerHours: s, hazards, exposureShare, lifts: { total: s, stooped: s } };
    }
    const observed = p.seconds(
      sum(now.parts, (c) => c.observedS),
      `${key}|observed`,
    );
    const exposureShare = Object.fromEntries(
      EXPOSURE_ZONES.map((z) => {
        const s = p.seconds(
          sum(now.parts, (c) => c.exposureS[z] ?? 0),
          `${key}|exp|${z}`,
        );
        return [z, shown(observed > 0 ? Math.min(1, s / observed) : 0)];
      }),
    );
    const liftSensitivity = p.settings.clipCount * 10;
    return {
      zoneId,
      workerHours: shown(observed / 3600),
      hazards,
      exposureShare,
      lifts: {
        total: shown(
          p.count(
            sum(now.parts, (c) => c.liftsTotal),
            `${key}|lifts`,
            liftSensitivity,
          ),
          0,
        ),
        stooped: shown(
          p.count(
            sum(now.parts, (c) => c.liftsStooped),
            `${key}|stooped`,
            liftSensitivity,
          ),
          0,
        ),
      },
    };
  });
  return { siteId, fromMs, toMs, privacy: p.note, zones };
}

/** Live view of one bucket per zone (counts of all severities per hazard). */
export function liveAnswer(
  p: Protector,
  siteId: string,
  bucketStartMs: number,
  cells: BaseCell[],
): LiveMessage {
  const zones = [...groupBy(cells, (c) => c.zoneId)].map(([zoneId, parts]) => {
    const key = `live|${siteId}|${zoneId}|${bucketStartMs}`;
    const gate = p.gate(parts);
    if (!gate.ok) {
      return {
        zoneId,
        workerHours: gate.cell,
        hazards: Object.fromEntries(HAZARD_TYPES.map((h) => [h, gate.cell])),
      };
    }
    const hazards = Object.fromEntries(
      HAZARD_TYPES.map((h) => [
        h,
        shown(
          p.count(
            sum(gate.parts, (c) => hazardCount(c, h)),
            `${key}|${h}`,
          ),
          0,
        ),
      ]),
    );
    const hours =
      p.seconds(
        sum(gate.parts, (c) => c.observedS),
        `${key}|observed`,
      ) / 3600;
    return { zoneId, workerHours: shown(hours), hazards };
  });
  zones.sort((a, b) => a.zoneId.localeCompare(b.zoneId));
  return {
    type: 'bucket',
    siteId,
    bucketStartMs,
    bucketSeconds: p.settings.bucketSeconds,
    privacy: p.note,
    zones,
  };
}
