import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcpForwarder } from '@haltung/edge/testing';
import { Fleet } from '@haltung/simulator';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dedicatedBroker, expectStoredExactly, storedContributors } from './drill-harness.js';
import { eventually, startEdge, startServer } from './pipeline-harness.js';

/**
 * Fault drill: the link to the site broker is down, so the edge spools its summaries on disk; then
 * the edge crashes. A new edge process on the same data folder delivers all of them once the link
 * is back.
 */
const SITE = 'drill-edge';
const DB = 'drill_edge';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

describe('fault drill: edge agent killed and restarted', () => {
  it('summaries spooled before the crash are delivered after the restart, none lost or doubled', async () => {
    const siteBroker = await dedicatedBroker();
    cleanups.push(() => siteBroker.stop());
    const server = await startServer({ mqttUrl: siteBroker.url, influxUrl: inject('influxUrl') }, DB);
    cleanups.push(() => server.close());
    // The edge reaches the site broker through a link the drill can cut (a WAN line going down).
    const port = Number(new URL(siteBroker.url).port);
    const link = new TcpForwarder('127.0.0.1', port);
    const linkUrl = await link.listen();
    cleanups.push(() => link.close());

    const dataDir = mkdtempSync(join(tmpdir(), 'haltung-drill-edge-'));
    const local = inject('mqttUrl');
    const options = { siteBroker: linkUrl, dataDir, bucketSeconds: 300 };
    const first = await startEdge(local, SITE, options);
    const fleet = new Fleet({
      mqttUrl: local,
      workers: 5,
      zones: ['zone-1'],
      siteId: SITE,
      sampleRateHz: 25,
      speed: Number.POSITIVE_INFINITY,
      startMs: Math.floor((Date.now() - 3600_000) / 300_000) * 300_000,
      devicePrefix: 'drill-e',
    });
    await fleet.start();
    cleanups.push(() => fleet.stop());
    const stats = await fleet.run(16 * 60);
    await eventually('the edge took every frame', async () =>
      first.metrics.frames.total() >= stats.frames ? true : undefined,
    );
    const spooled = first.pendingSummaries;
    expect(spooled).toBeGreaterThanOrEqual(15);
    await first.kill();

    link.up = true;
    const second = await startEdge(local, SITE, options);
    cleanups.push(() => second.stop(1000));
    await eventually('the spool drained', async () => (second.pendingSummaries === 0 ? true : undefined));
    expect(await expectStoredExactly(inject('influxUrl'), DB, SITE, spooled)).toBe(spooled);
  }, 240_000);

  it('a planned restart in the middle of a bucket counts each worker once in that bucket, with all their time', async () => {
    const site = 'drill-edge-hold';
    const db = 'drill_edge_hold';
    const local = inject('mqttUrl');
    const server = await startServer({ mqttUrl: local, influxUrl: inject('influxUrl') }, db);
    cleanups.push(() => server.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'haltung-drill-hold-'));
    const options = { dataDir, bucketSeconds: 300, onStop: 'hold' };
    const bucketStartMs = Math.floor((Date.now() - 3600_000) / 300_000) * 300_000;
    const fleet = new Fleet({
      mqttUrl: local,
      workers: 5,
      zones: ['zone-1'],
      siteId: site,
      sampleRateHz: 25,
      speed: Number.POSITIVE_INFINITY,
      startMs: bucketStartMs,
      devicePrefix: 'drill-h',
    });
    await fleet.start();
    cleanups.push(() => fleet.stop());

    const first = await startEdge(local, site, options);
    const half = await fleet.run(150);
    await eventually('the first edge took every frame', async () =>
      first.metrics.frames.total() >= half.frames ? true : undefined,
    );
    await first.stop(1000); // an update: halfway through the bucket
    await new Promise((r) => setTimeout(r, 1000));
    expect(await storedContributors(inject('influxUrl'), db, site)).toBe(0);

    const second = await startEdge(local, site, options);
    cleanups.push(() => second.stop(1000));
    const rest = await fleet.run(160); // past the bucket's end (300 s + 2 s grace)
    await eventually('the second edge took every frame', async () =>
      second.metrics.frames.total() >= rest.frames - half.frames ? true : undefined,
    );
    // One summary per worker for the bucket, not a partial one from each run.
    expect(await expectStoredExactly(inject('influxUrl'), db, site, 5)).toBe(5);
    const q = `SELECT sum("observed_s") FROM "zone_bucket" WHERE "site" = '${site}'`;
    const res = await fetch(`${inject('influxUrl')}/query?db=${db}&q=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { results: Array<{ series?: Array<{ values: number[][] }> }> };
    const observedS = body.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
    expect(observedS).toBeGreaterThan(5 * 295);
    expect(observedS).toBeLessThanOrEqual(5 * 300 + 1);
  }, 240_000);
});
