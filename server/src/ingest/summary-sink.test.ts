import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { Metrics } from '../http/metrics.js';
import { InfluxClient } from '../storage/influx-client.js';
import { setupDatabase } from '../storage/setup-db.js';
import { bucketAgo, storedContributors, summary, summaryTopic, uniqueDb } from '../test-support.js';
import { SummarySink } from './summary-sink.js';

const influxUrl = inject('influxUrl');

function sink(dir: string, db: string) {
  const influx = new InfluxClient({ url: influxUrl, database: db, timeoutMs: 5000 });
  const s = new SummarySink(
    {
      writer: 'server-1',
      rp: 'haltung',
      spoolDir: dir,
      spoolMaxBytes: 1 << 20,
      msgIdMemory: 1000,
      maxOpenCells: 1000,
      lateWindowMs: 86_400_000,
      clipCount: 30,
      flushIntervalMs: 60_000,
      now: Date.now,
    },
    influx,
    new Metrics(),
    pino({ level: 'silent' }),
  );
  return { s, influx };
}

const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));

describe('SummarySink after a crash', () => {
  it('does not count a summary twice that was spooled but not acknowledged before the crash', async () => {
    const db = uniqueDb('crash');
    const dir = mkdtempSync(join(tmpdir(), 'haltung-sink-'));
    const a = sink(dir, db);
    await setupDatabase(a.influx, 'haltung', 400);
    await a.s.start();
    const list = Array.from({ length: 5 }, () => summary({ bucketStartMs: bucketAgo(1) }));
    for (const s of list) expect(await a.s.accept(summaryTopic(s), bytes(s))).toBe('stored');
    await a.s.flush();
    const extra = summary({ bucketStartMs: bucketAgo(1) });
    expect(await a.s.accept(summaryTopic(extra), bytes(extra))).toBe('stored');
    // Crash: no stop(), no flush. The broker redelivers `extra` (never acknowledged) to the restart.
    const b = sink(dir, db);
    await b.s.start();
    expect(await b.s.accept(summaryTopic(extra), bytes(extra))).toBe('dropped:duplicate');
    const again = list[0] ?? extra;
    expect(await b.s.accept(summaryTopic(again), bytes(again))).toBe('dropped:duplicate');
    await b.s.flush();
    expect(await storedContributors(influxUrl, db)).toBe(6);
    const more = summary({ bucketStartMs: bucketAgo(1) });
    expect(await b.s.accept(summaryTopic(more), bytes(more))).toBe('stored');
    await b.s.stop();
    expect(await storedContributors(influxUrl, db)).toBe(7);
  });

  it('clips one device to clipCount warnings per hazard and 10 × clipCount lifts per bucket', async () => {
    const db = uniqueDb('clip');
    const { s, influx } = sink(mkdtempSync(join(tmpdir(), 'haltung-sink-')), db);
    await setupDatabase(influx, 'haltung', 400);
    await s.start();
    const loud = summary({
      hazards: { arm_overhead: { warning: 500, high: 3 } },
      lifts: { total: 1000, stooped: 20 },
    });
    await s.accept(summaryTopic(loud), bytes(loud));
    await s.stop();
    const res = await influx.query(`SELECT "count" FROM "hazard_bucket" WHERE "severity" = 'warning'`);
    expect(res[0]?.[0]?.values[0]?.[1]).toBe(30);
    const [lifts] = await influx.query(`SELECT "lifts_total", "lifts_stooped" FROM "zone_bucket"`);
    expect(lifts?.[0]?.values[0]?.slice(1)).toEqual([300, 20]);
  });
});
