// @vitest-environment node
import { trendsResponseSchema } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import * as fx from '../../test/fixtures.js';
import { seriesByHazard } from './series-by-hazard.js';

describe('site-wide series by hazard', () => {
  it('adds up counts and worker-hours of the zones, and suppresses a point if any zone part is suppressed', () => {
    const second = fx.trends.series.map((s) => ({
      ...s,
      zoneId: s.zoneId === 'goods-in' ? 'packing' : s.zoneId,
    }));
    const trends = trendsResponseSchema.parse({ ...fx.trends, series: [...fx.trends.series, ...second] });
    const { xs, series } = seriesByHazard(trends);
    expect(xs).toHaveLength(4);
    const lift = series.find((s) => s.hazard === 'lift_stooped');
    // Two zones each with 6 warnings in 4 worker-hours at the first hour: (6+6)/(4+4).
    expect(lift?.cells[0]).toEqual({ suppressed: false, value: 1.5 });
    const overhead = series.find((s) => s.hazard === 'arm_overhead');
    expect(overhead?.cells[2]).toEqual({ suppressed: true, reason: 'below_k' });
    expect(overhead?.cells[1]).toEqual({ suppressed: false, value: 0.4 });
  });

  it('lists hazards in the fixed vocabulary order and leaves gaps where no zone reported', () => {
    const trends = trendsResponseSchema.parse({
      ...fx.trends,
      series: [
        { ...fx.trends.series[0], points: fx.trends.series[0]?.points.slice(0, 1) },
        fx.trends.series[1],
      ],
    });
    const { series } = seriesByHazard(trends);
    expect(series.map((s) => s.hazard)).toEqual(['trunk_flexion_held', 'lift_stooped']);
    expect(series[1]?.cells[3]).toBeNull();
  });
});
