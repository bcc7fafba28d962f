import { summarySchema } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import { BucketLedger } from './bucket-ledger.js';
import { buildSummary } from './build-summary.js';
import { exposureZones } from './exposure-zones.js';
import { addHazard, addPosture } from './summary-counts.js';

const B = 300_000;
const T = 1_700_000_100_000 - (1_700_000_100_000 % B);

describe('BucketLedger', () => {
  it('cuts buckets by sample time, per zone, and closes them 2 s after their end', () => {
    const ledger = new BucketLedger(300);
    (ledger.at('a', T + 10) as { observedSeconds: number }).observedSeconds = 5;
    (ledger.at('b', T + 20) as { observedSeconds: number }).observedSeconds = 7;
    (ledger.at('a', T + B + 1) as { observedSeconds: number }).observedSeconds = 1;
    expect(ledger.closeUpTo(T + B + 1999)).toEqual([]);
    const closed = ledger.closeUpTo(T + B + 2000);
    expect(closed.map((b) => [b.zoneId, b.bucketStartMs, b.counts.observedSeconds])).toEqual([
      ['a', T, 5],
      ['b', T, 7],
    ]);
    expect(ledger.openCount).toBe(1);
  });

  it('refuses data for a bucket already closed, so a device never sends two summaries for one', () => {
    const ledger = new BucketLedger(300);
    ledger.at('a', T);
    ledger.closeUpTo(T + B + 5000);
    expect(ledger.at('a', T + 100)).toBeNull();
    expect(ledger.at('b', T + 100)).toBeNull();
    expect(ledger.at('a', T + B)).not.toBeNull();
  });
});

describe('buildSummary', () => {
  it('builds a strict, identifier-free summary with a fresh msgId each time', () => {
    const ledger = new BucketLedger(300);
    const counts = ledger.at('goods-in', T + 1000);
    if (!counts) throw new Error('no counts');
    counts.observedSeconds = 100.004;
    addPosture(counts, 'standing', 80);
    addPosture(counts, 'stooping', 30); // 110 s of classes in 100 s observed: scaled back
    counts.exposureSeconds.trunk_over_60 = 12.345;
    addHazard(counts, 'trunk_flexion_severe', 'warning');
    addHazard(counts, 'trunk_flexion_severe', 'high');
    counts.lifts = { total: 3, stooped: 1 };
    counts.acks = 1;
    const [bucket] = ledger.closeAll();
    if (!bucket) throw new Error('no bucket');
    const a = buildSummary(bucket, 'plant-1', '1.0.0');
    const b = buildSummary(bucket, 'plant-1', '1.0.0');
    expect(summarySchema.safeParse(a).success).toBe(true);
    expect(a.msgId).not.toBe(b.msgId);
    expect(Object.keys(a).sort()).toEqual(
      [
        'acks',
        'bucketSeconds',
        'bucketStartMs',
        'exposureSeconds',
        'hazards',
        'lifts',
        'modelVersion',
        'msgId',
        'observedSeconds',
        'postureSeconds',
        'siteId',
        'snoozes',
        'v',
        'zoneId',
      ].sort(),
    );
    expect(a).toMatchObject({
      zoneId: 'goods-in',
      bucketStartMs: T,
      observedSeconds: 100,
      exposureSeconds: { trunk_over_60: 12.35 },
      hazards: { trunk_flexion_severe: { warning: 1, high: 1 } },
      lifts: { total: 3, stooped: 1 },
    });
    const postureTotal = Object.values(a.postureSeconds).reduce((x, y) => x + (y ?? 0), 0);
    expect(postureTotal).toBeLessThanOrEqual(100);
  });
});

describe('exposureZones', () => {
  it('puts trunk angles in exclusive ISO bands and counts arm > 90° also as > 60°', () => {
    const out: string[] = [];
    const zones = (trunk: number, arm: number) => {
      exposureZones(trunk, arm, out as never);
      return [...out];
    };
    expect(zones(19.9, Number.NaN)).toEqual([]);
    expect(zones(20, Number.NaN)).toEqual(['trunk_20_45']);
    expect(zones(45, Number.NaN)).toEqual(['trunk_45_60']);
    expect(zones(60, Number.NaN)).toEqual(['trunk_45_60']);
    expect(zones(60.1, Number.NaN)).toEqual(['trunk_over_60']);
    expect(zones(Number.NaN, 61)).toEqual(['arm_over_60']);
    expect(zones(Number.NaN, 91)).toEqual(['arm_over_60', 'arm_over_90']);
  });
});
