import { EXPOSURE_ZONES, HAZARD_TYPES, type HazardType, type PeriodSummaryResponse } from '@haltung/protocol';
import { liftClipOf } from '../aggregate/cell.js';
import type { BaseCell } from '../privacy/base-cell.js';
import { type Protector, shown } from '../privacy/protector.js';
import { figures, sum, zonesOf } from './rollup.js';

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
    const liftSensitivity = liftClipOf(p.settings.clipCount);
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
