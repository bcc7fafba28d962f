import type { Cell } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import { hotspotsAnswer, liveAnswer, summaryAnswer, trendsAnswer } from '../api/answers.js';
import type { BaseCell } from './base-cell.js';
import { NoiseSource } from './noise.js';
import { Protector } from './protector.js';

const B = 900_000;
const T0 = Date.UTC(2026, 2, 2, 8, 0); // Monday 08:00 UTC = 09:00 in Berlin

function cell(zoneId: string, i: number, contributors: number, warnings: number): BaseCell {
  return {
    zoneId,
    tMs: T0 + i * B,
    bucketSeconds: 900,
    contributors,
    observedS: contributors * 900,
    exposureS: { trunk_20_45: contributors * 90 },
    liftsTotal: contributors * 4,
    liftsStooped: contributors,
    hazards: { trunk_flexion_held: warnings },
  };
}

const protector = (epsilon: number | null = null) =>
  new Protector(
    { k: 5, bucketSeconds: 900, epsilon, clipCount: 30 },
    new NoiseSource('unit-test-secret-0123456789'),
  );

const value = (c: Cell | undefined): number | null => (c && !c.suppressed ? c.value : null);

function first<T>(xs: readonly T[] | undefined): T {
  const x = xs?.[0];
  if (x === undefined) throw new Error('expected at least one element');
  return x;
}

describe('k-anonymity on every answer', () => {
  it('shows a cell of 5 contributors and suppresses one of 4, marked, not zeroed', () => {
    const t = trendsAnswer(
      protector(),
      'p',
      [cell('a', 0, 5, 7), cell('b', 0, 4, 9)],
      900,
      'trunk_flexion_held',
    );
    expect(t.series.find((s) => s.zoneId === 'a')?.points[0]?.count).toEqual({ suppressed: false, value: 7 });
    const b = t.series.find((s) => s.zoneId === 'b')?.points[0];
    expect(b?.count).toEqual({ suppressed: true, reason: 'below_k' });
    expect(b?.rate).toEqual({ suppressed: true, reason: 'below_k' });
  });

  it('a coarser roll-up minus its shown parts never reveals a suppressed part', () => {
    // Bucket 0 has 4 workers with 9 warnings (suppressed), bucket 1 has 6 workers with 5 warnings.
    const cells = [cell('a', 0, 4, 9), cell('a', 1, 6, 5)];
    const fine = trendsAnswer(protector(), 'p', cells, 900, 'trunk_flexion_held').series[0]?.points ?? [];
    const coarse = trendsAnswer(protector(), 'p', cells, 1800, 'trunk_flexion_held').series[0]?.points ?? [];
    expect(fine[0]?.count.suppressed).toBe(true);
    const shownFine = fine.reduce((a, p) => a + (value(p.count) ?? 0), 0);
    const derived = (value(coarse[0]?.count) ?? 0) - shownFine;
    expect(derived).toBe(0); // not 9: the suppressed bucket is in no published figure
    expect(value(coarse[0]?.workerHours)).toBe(1.5); // 6 workers × 0.25 h, the 4 left out

    // Same for a period summary against its hour-of-day hot spots.
    const sum = summaryAnswer(protector(), 'p', T0, T0 + 2 * B, cells, 'trunk_flexion_held');
    expect(value(first(first(sum.zones).hazards).count)).toBe(5);
    const hot = hotspotsAnswer(protector(), 'p', cells, 'hour', 'UTC', 'trunk_flexion_held', 'r');
    expect(hot.cells.map((c) => value(c.count))).toEqual([5]);
  });

  it('suppresses a roll-up whose every part is below k, and the live bucket likewise', () => {
    const cells = [cell('a', 0, 3, 2), cell('a', 1, 4, 1)];
    const coarse = trendsAnswer(protector(), 'p', cells, 1800).series[0]?.points[0];
    expect(coarse?.count).toEqual({ suppressed: true, reason: 'below_k' });
    const live = liveAnswer(protector(), 'p', T0, [cell('a', 0, 4, 2), cell('b', 0, 5, 3)]);
    expect(live.zones[0]?.workerHours).toEqual({ suppressed: true, reason: 'below_k' });
    expect(live.zones[0]?.hazards.trunk_flexion_held).toEqual({ suppressed: true, reason: 'below_k' });
    expect(live.zones[1]?.hazards.trunk_flexion_held).toEqual({ suppressed: false, value: 3 });
  });

  it('gives hot spots in the configured time zone', () => {
    const cells = [cell('a', 0, 5, 1)];
    expect(
      hotspotsAnswer(protector(), 'p', cells, 'hour', 'Europe/Berlin', undefined, 'r').cells[0]?.slot,
    ).toBe(9);
    expect(
      hotspotsAnswer(protector(), 'p', cells, 'weekday', 'Europe/Berlin', undefined, 'r').cells[0]?.slot,
    ).toBe(0);
    expect(
      hotspotsAnswer(protector(), 'p', cells, 'hour', 'America/New_York', undefined, 'r').cells[0]?.slot,
    ).toBe(3);
  });

  it('reports rates per worker-hour with the previous period', () => {
    const cells = [cell('a', -2, 5, 5), cell('a', -1, 5, 5), cell('a', 0, 10, 20), cell('a', 1, 10, 10)];
    const s = summaryAnswer(protector(), 'p', T0, T0 + 2 * B, cells, 'trunk_flexion_held');
    const zone = first(s.zones);
    const h = first(zone.hazards);
    expect(value(h.count)).toBe(30);
    expect(value(h.rate)).toBe(6); // 30 warnings / 5 worker-hours
    expect(value(h.previousRate)).toBe(4); // 10 / 2.5
    expect(value(zone.exposureShare.trunk_20_45)).toBe(0.1);
    expect(value(zone.lifts.total)).toBe(80);
  });
});

describe('Laplace noise', () => {
  it('is stated in the answer, perturbs counts, and is the same when asked again', () => {
    const cells = Array.from({ length: 40 }, (_, i) => cell('a', i, 8, 20));
    const a = trendsAnswer(protector(0.5), 'p', cells, 900, 'trunk_flexion_held');
    const b = trendsAnswer(protector(0.5), 'p', cells, 900, 'trunk_flexion_held');
    expect(a.privacy.epsilon).toBe(0.5);
    expect(a).toEqual(b);
    const counts = first(a.series).points.map((p) => value(p.count) ?? Number.NaN);
    expect(new Set(counts).size).toBeGreaterThan(5);
    expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
  });

  it('has the discrete Laplace spread sensitivity / ε', () => {
    const noise = new NoiseSource('spread-secret-0123456789abc');
    const scale = 4;
    const xs = Array.from({ length: 20_000 }, (_, i) => noise.discreteLaplace(`k${i}`, scale));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const meanAbs = xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length;
    // E|X| of the discrete Laplace with parameter q = e^(−1/scale) is 2q / (1 − q²).
    const q = Math.exp(-1 / scale);
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(meanAbs).toBeCloseTo((2 * q) / (1 - q * q), 0);
  });
});
