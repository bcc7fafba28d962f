import type { Cell, HazardType, PeriodSummaryResponse, SuppressionReason } from '@haltung/protocol';
import { rankValue } from '../../lib/cells.js';

export interface ComparisonRow {
  zoneId: string;
  hazard: HazardType;
  rate: Cell;
  previousRate: Cell;
  count: Cell;
}

export interface ComparisonRows {
  /** Zone-hazard rows with something to compare, highest rate first. */
  rows: ComparisonRow[];
  /** Zones whose every figure is suppressed: one line each instead of one per hazard. */
  suppressedZones: { zoneId: string; reason: SuppressionReason }[];
  /** Rows left out because there were no warnings now and none known before. */
  quietCount: number;
}

/** Relative change from the previous period, or null when either side is hidden or zero. */
export function relativeChange(rate: Cell, previous: Cell): number | null {
  if (rate.suppressed || previous.suppressed || previous.value === 0) return null;
  return rate.value / previous.value - 1;
}

const isZero = (c: Cell) => !c.suppressed && c.value === 0;

/** Sorts and condenses the period summary so the table shows what needs attention. */
export function comparisonRows(summary: PeriodSummaryResponse): ComparisonRows {
  const rows: ComparisonRow[] = [];
  const suppressedZones: ComparisonRows['suppressedZones'] = [];
  let quietCount = 0;
  for (const zone of summary.zones) {
    const hidden = zone.hazards.map((h) => h.rate).filter((c) => c.suppressed);
    const first = hidden[0];
    if (zone.hazards.length > 0 && first?.suppressed && hidden.length === zone.hazards.length) {
      suppressedZones.push({ zoneId: zone.zoneId, reason: first.reason });
      continue;
    }
    for (const h of zone.hazards) {
      if (isZero(h.rate) && (h.previousRate.suppressed || h.previousRate.value === 0)) quietCount += 1;
      else rows.push({ zoneId: zone.zoneId, ...h });
    }
  }
  rows.sort((a, b) => rankValue(b.rate) - rankValue(a.rate));
  return { rows, suppressedZones, quietCount };
}
