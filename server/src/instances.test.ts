import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  auth,
  bucketAgo,
  influxQuery,
  publishSummaries,
  startApp,
  storedContributors,
  summary,
  testConfig,
  uniqueDb,
  waitFor,
} from './test-support.js';

// Every test file has its own site: all servers on the shared broker receive every summary.
const SITE = 'plant-instances';
const urls = { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') };
const db = uniqueDb('instances');
const apps: FastifyInstance[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

describe('two server instances on one broker', () => {
  it('split the summaries and store every one exactly once, also across a restart', async () => {
    const one = testConfig(urls, db, { instanceId: 'server-1' });
    const two = testConfig(urls, db, { instanceId: 'server-2', shareGroup: one.shareGroup });
    apps.push(await startApp(one), await startApp(two));
    await waitFor('both connected', () => apps.every((a) => a.haltung.ingest.connected));

    const zones = ['a', 'b', 'c'];
    const buckets = [bucketAgo(1), bucketAgo(2)];
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        summary({
          siteId: SITE,
          zoneId: zones[i % 3],
          bucketStartMs: buckets[i % 2],
          lifts: { total: 1, stooped: 0 },
        }),
      );
    await publishSummaries(urls.mqttUrl, batch(60));
    await waitFor('60 stored', async () => (await storedContributors(urls.influxUrl, db, SITE)) === 60);
    const perWriter = await influxQuery(
      urls.influxUrl,
      db,
      `SELECT sum("contributors") FROM "zone_bucket" WHERE "site" = '${SITE}' GROUP BY "writer"`,
    );
    const shares = perWriter.map((s) => Number(s.values[0]?.[1]));
    expect(shares).toHaveLength(2);
    expect(shares.every((n) => n > 0)).toBe(true);

    // Instance 1 restarts and keeps adding to the same cells: its totals continue, not restart.
    const first = apps.shift();
    await first?.close();
    apps.push(await startApp(one));
    await waitFor('reconnected', () => apps.every((a) => a.haltung.ingest.connected));
    await publishSummaries(urls.mqttUrl, batch(30));
    await waitFor('90 stored', async () => (await storedContributors(urls.influxUrl, db, SITE)) === 90);
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedContributors(urls.influxUrl, db, SITE)).toBe(90);
    const [lifts] = await influxQuery(
      urls.influxUrl,
      db,
      `SELECT sum("lifts_total") FROM "zone_bucket" WHERE "site" = '${SITE}'`,
    );
    expect(lifts?.values[0]?.[1]).toBe(90);
    // The API sums both writers' shares of every cell: 90 summaries × 3 warnings.
    const from = Math.min(...buckets);
    const res = await apps[0]?.inject({
      url: `/api/v1/trends?site=${SITE}&fromMs=${from}&toMs=${from + 1_800_000}&hazard=trunk_flexion_held`,
      headers: auth('officer'),
    });
    const points = (res?.json().series ?? []).flatMap(
      (s: { points: { count: { value: number } }[] }) => s.points,
    );
    expect(points).toHaveLength(6);
    expect(points.reduce((a: number, p: { count: { value: number } }) => a + p.count.value, 0)).toBe(270);

    // A settings change made through one instance applies on the other too.
    const put = await apps[0]?.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: auth('admin'),
      payload: { k: 20 },
    });
    expect(put?.statusCode).toBe(200);
    await waitFor('k = 20 on the other instance', async () => {
      const other = await apps[1]?.inject({
        url: `/api/v1/trends?site=${SITE}&fromMs=${from}&toMs=${from + 1_800_000}&hazard=trunk_flexion_held`,
        headers: auth('officer'),
      });
      const body = other?.json();
      return body?.privacy.k === 20 && body.series[0].points[0].count.suppressed === true;
    });
  }, 60_000);
});
