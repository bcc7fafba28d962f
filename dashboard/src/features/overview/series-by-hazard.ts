import { type Cell, HAZARD_TYPES, type HazardType, type TrendsResponse } from '@haltung/protocol';
import { combineRate } from '../../lib/cells.js';

export interface HazardSeries {
  hazard: HazardType;
  /** Rate per worker-hour at each of `xs`, or null where no zone reported. */
  cells: (Cell | null)[];
}

/**
 * One rate series per hazard over all zones of the answer, on a common time axis. A single series
 * per hazard (a site-wide roll-up by the server) is taken as it is.
 */
export function seriesByHazard(trends: TrendsResponse): { xs: number[]; series: HazardSeries[] } {
  const xs = [...new Set(trends.series.flatMap((s) => s.points.map((p) => p.tMs)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const series: HazardSeries[] = [];
  for (const hazard of HAZARD_TYPES) {
    const parts = trends.series.filter((s) => s.hazard === hazard);
    if (parts.length === 0) continue;
    const cells: (Cell | null)[] = xs.map(() => null);
    if (parts.length === 1) {
      for (const p of parts[0]?.points ?? []) cells[index.get(p.tMs) ?? 0] = p.rate;
    } else {
      const byTime = xs.map(() => [] as { count: Cell; workerHours: Cell }[]);
      for (const part of parts) for (const p of part.points) byTime[index.get(p.tMs) ?? 0]?.push(p);
      byTime.forEach((points, i) => {
        if (points.length > 0) cells[i] = combineRate(points);
      });
    }
    series.push({ hazard, cells });
  }
  return { xs, series };
}
