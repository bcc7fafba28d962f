import { Fleet } from '@haltung/simulator';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dedicatedBroker, expectStoredExactly } from './drill-harness.js';
import { eventually, startEdge, startServer } from './pipeline-harness.js';

/**
 * How a site grows: two zone gateways (each with its own local broker and wearables) publish to one
 * site broker, where two server instances split the summaries through the MQTT 5 shared
 * subscription and write to one InfluxDB.
 */
const SITE = 'scale-site';
const DB = 'scale_two';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

describe('two server instances and two edge gateways together', () => {
  it('store every summary exactly once, with both instances taking a share', async () => {
    const siteBroker = inject('mqttUrl');
    const influxUrl = inject('influxUrl');
    const servers = [
      await startServer({ mqttUrl: siteBroker, influxUrl }, DB, {
        instanceId: 'server-a',
        shareGroup: 'scale',
      }),
      await startServer({ mqttUrl: siteBroker, influxUrl }, DB, {
        instanceId: 'server-b',
        shareGroup: 'scale',
      }),
    ];
    for (const s of servers) cleanups.push(() => s.close());

    const startMs = Math.floor((Date.now() - 2 * 3600_000) / 300_000) * 300_000;
    const gateways = [];
    for (const [i, zone] of ['hall-1', 'hall-2'].entries()) {
      const local = await dedicatedBroker();
      cleanups.push(() => local.stop());
      const edge = await startEdge(local.url, SITE, { siteBroker, bucketSeconds: 300 });
      cleanups.push(() => edge.stop(1000));
      const fleet = new Fleet({
        mqttUrl: local.url,
        workers: 5,
        zones: [zone],
        siteId: SITE,
        seed: 40 + i,
        sampleRateHz: 25,
        speed: Number.POSITIVE_INFINITY,
        startMs,
        devicePrefix: `scale-${i}`,
      });
      await fleet.start();
      cleanups.push(() => fleet.stop());
      gateways.push({ edge, fleet });
    }
    const stats = await Promise.all(gateways.map((g) => g.fleet.run(20 * 60)));
    for (const [i, g] of gateways.entries()) {
      await eventually(`gateway ${i} took every frame`, async () =>
        g.edge.metrics.frames.total() >= (stats[i]?.frames ?? 0) ? true : undefined,
      );
      await g.edge.stop(20_000);
    }
    const built = gateways.reduce((s, g) => s + g.edge.metrics.summaries.total(), 0);
    expect(built).toBeGreaterThanOrEqual(40);
    expect(await expectStoredExactly(influxUrl, DB, SITE, built)).toBe(built);

    // Both instances did part of the work (each writes its running totals under its own writer tag).
    const q = `SHOW TAG VALUES FROM "zone_bucket" WITH KEY = "writer" WHERE "site" = '${SITE}'`;
    const writers = JSON.stringify(
      await (await fetch(`${influxUrl}/query?db=${DB}&q=${encodeURIComponent(q)}`)).json(),
    );
    expect(writers).toContain('server-a');
    expect(writers).toContain('server-b');
  }, 300_000);
});
