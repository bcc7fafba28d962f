import {
  type Cell,
  HAZARD_TYPES,
  type HazardType,
  type SuppressionReason,
  type TrendsResponse,
} from '@haltung/protocol';
import { combineRate } from '../../lib/cells.js';

export interface HazardSeries {
  hazard: HazardType;
  /** Rate per worker-hour at each of `xs`, or null where no zone reported. */
  cells: (Cell | null)[];
}

export interface SeriesByHazard {
  xs: number[];
  series: HazardSeries[];
  /** Zones left out of some points because their figures were suppressed, with the reason. */
  excluded: { zoneId: string; reason: SuppressionReason }[];
}

/**
 * One rate series per hazard over the zones of the answer, on a common time axis: Σcount / Σworker-
 * hours of the zones whose figures are shown. A suppressed zone is left out (and listed in
 * `excluded`), which reveals nothing the answer does not already show; a point whose zones are all
 * suppressed stays suppressed.
 */
export function seriesByHazard(trends: TrendsResponse): SeriesByHazard {
  const xs = [...new Set(trends.series.flatMap((s) => s.points.map((p) => p.tMs)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const excluded = new Map<string, SuppressionReason>();
  const series: HazardSeries[] = [];
  for (const hazard of HAZARD_TYPES) {
    const parts = trends.series.filter((s) => s.hazard === hazard);
    if (parts.length === 0) continue;
    const visible = xs.map(() => [] as { count: Cell; workerHours: Cell }[]);
    const hidden = xs.map((): Cell | null => null);
    for (const part of parts) {
      for (const p of part.points) {
        const i = index.get(p.tMs) ?? 0;
        const gone = [p.count, p.workerHours, p.rate].find((c) => c.suppressed);
        if (gone?.suppressed) {
          hidden[i] ??= gone;
          if (!excluded.has(part.zoneId)) excluded.set(part.zoneId, gone.reason);
        } else {
          visible[i]?.push(p);
        }
      }
    }
    const cells = xs.map((_, i) => {
      const shown = visible[i] ?? [];
      return shown.length > 0 ? combineRate(shown) : (hidden[i] ?? null);
    });
    series.push({ hazard, cells });
  }
  return {
    xs,
    series,
    excluded: [...excluded]
      .map(([zoneId, reason]) => ({ zoneId, reason }))
      .sort((a, b) => a.zoneId.localeCompare(b.zoneId)),
  };
}
