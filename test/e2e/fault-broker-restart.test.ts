import { Fleet } from '@haltung/simulator';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dedicatedBroker, expectStoredExactly } from './drill-harness.js';
import { eventually, startEdge, startServer } from './pipeline-harness.js';

/** Fault drill: the broker restarts while wearables, the edge and the server are all running. */
const SITE = 'drill-broker';
const DB = 'drill_broker';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

describe('fault drill: broker restart mid-run', () => {
  it('every summary the edge built reaches the database exactly once, and everything reconnects', async () => {
    const broker = await dedicatedBroker();
    cleanups.push(() => broker.stop());
    const server = await startServer({ mqttUrl: broker.url, influxUrl: inject('influxUrl') }, DB);
    cleanups.push(() => server.close());
    const edge = await startEdge(broker.url, SITE, { bucketSeconds: 300 });
    cleanups.push(() => edge.stop(1000));
    const fleet = new Fleet({
      mqttUrl: broker.url,
      workers: 6,
      zones: ['zone-1', 'zone-2'],
      siteId: SITE,
      sampleRateHz: 25,
      speed: 120,
      startMs: Math.floor((Date.now() - 3600_000) / 300_000) * 300_000,
      devicePrefix: 'drill-b',
    });
    await fleet.start();
    cleanups.push(() => fleet.stop());

    const running = fleet.run(40 * 60);
    await new Promise((r) => setTimeout(r, 6000));
    await broker.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await broker.start();
    await running;

    await eventually('the edge reconnected and took frames again', async () =>
      edge.metrics.frames.total() > 0 && edge.pendingSummaries === 0 ? true : undefined,
    );
    await edge.stop(20_000);
    const built = edge.metrics.summaries.total();
    expect(built).toBeGreaterThan(12);
    expect(edge.pendingSummaries).toBe(0);
    expect(await expectStoredExactly(inject('influxUrl'), DB, SITE, built)).toBe(built);
    const health = await server.inject({ url: '/healthz' });
    expect(health.json()).toMatchObject({ mqtt: 'connected' });
  }, 240_000);
});
