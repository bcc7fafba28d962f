import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcpForwarder } from '@haltung/edge/testing';
import { Fleet } from '@haltung/simulator';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dedicatedBroker, expectStoredExactly } from './drill-harness.js';
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
});
