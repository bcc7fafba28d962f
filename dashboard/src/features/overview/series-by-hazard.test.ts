// @vitest-environment node
import { trendsResponseSchema } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import * as fx from '../../test/fixtures.js';
import { seriesByHazard } from './series-by-hazard.js';

const below = { suppressed: true, reason: 'below_k' } as const;

describe('site-wide series by hazard', () => {
  it('adds up counts and worker-hours of the zones shown', () => {
    const second = fx.trends.series.map((s) => ({
      ...s,
      zoneId: s.zoneId === 'goods-in' ? 'packing' : s.zoneId,
    }));
    const trends = trendsResponseSchema.parse({ ...fx.trends, series: [...fx.trends.series, ...second] });
    const { xs, series } = seriesByHazard(trends);
    expect(xs).toHaveLength(4);
    // Two zones each with 6 warnings in 4 worker-hours at the first hour: (6+6)/(4+4).
    expect(series.find((s) => s.hazard === 'lift_stooped')?.cells[0]).toEqual({
      suppressed: false,
      value: 1.5,
    });
  });

  it('leaves a suppressed zone out of the line and names it, and keeps a point suppressed when no zone is shown', () => {
    const packing = {
      zoneId: 'packing',
      hazard: 'lift_stooped' as const,
      points: fx.trends.series[0]?.points.map((p) => ({
        tMs: p.tMs,
        count: below,
        workerHours: below,
        rate: below,
      })),
    };
    const trends = trendsResponseSchema.parse({ ...fx.trends, series: [...fx.trends.series, packing] });
    const { series, excluded } = seriesByHazard(trends);
    // goods-in alone: 6 warnings in 4 worker-hours.
    expect(series.find((s) => s.hazard === 'lift_stooped')?.cells[0]).toEqual({
      suppressed: false,
      value: 1.5,
    });
    expect(excluded).toEqual([
      { zoneId: 'assembly', reason: 'below_k' },
      { zoneId: 'packing', reason: 'below_k' },
    ]);
    // assembly is the only zone with overhead work, and is below k at the third hour.
    const overhead = series.find((s) => s.hazard === 'arm_overhead');
    expect(overhead?.cells[2]).toEqual(below);
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
