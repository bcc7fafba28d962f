import {
  HAZARD_TYPES,
  type HazardType,
  type HotspotsResponse,
  type LiveMessage,
  type TrendsResponse,
} from '@haltung/protocol';
import { type BaseCell, hazardCount } from '../privacy/base-cell.js';
import { type Protector, shown } from '../privacy/protector.js';
import { localSlot } from '../privacy/time-slots.js';
import { figures, groupBy, sum } from './rollup.js';

export { summaryAnswer } from './summary-answer.js';

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
