import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  bucketAgo,
  CuttableProxy,
  publishSummaries,
  startApp,
  storedContributors,
  summary,
  summaryTopic,
  testConfig,
  uniqueDb,
  waitFor,
} from './test-support.js';

// Every test file has its own site: all servers on the shared broker receive every summary.
const SITE = 'plant-outage';
const urls = { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') };
const db = uniqueDb('outage');
const proxy = new CuttableProxy(new URL(urls.influxUrl));

beforeAll(() => proxy.open());
afterAll(() => proxy.cut());

describe('InfluxDB slow or down', () => {
  it('spools while the database is away, says degraded, then stores every summary once', async () => {
    const config = testConfig({ ...urls, influxUrl: proxy.url }, db);
    let app = await startApp(config);
    await waitFor('MQTT connection', () => app.haltung.ingest.connected);
    const stored = () => app.haltung.metrics.value('haltung_summaries_stored_total', { site: SITE });

    // Steady ingest: a summary every 20 ms before, during and after a 3 s outage.
    const t = bucketAgo(1);
    const publisher = await mqtt.connectAsync(urls.mqttUrl, { protocolVersion: 5 });
    let published = 0;
    const steady = setInterval(() => {
      const s = summary({ siteId: SITE, zoneId: `z${published % 4}`, bucketStartMs: t });
      published += 1;
      void publisher.publishAsync(summaryTopic(s), JSON.stringify(s), { qos: 1 });
    }, 20);
    await new Promise((r) => setTimeout(r, 500));
    await proxy.cut();
    await waitFor('a failed write', () => !app.haltung.sink.influxHealthy);
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', database: 'unreachable', mqtt: 'connected' });
    await new Promise((r) => setTimeout(r, 3000));
    expect(app.haltung.sink.spooledBytes).toBeGreaterThan(0);
    const storedDuringOutage = stored();
    expect(storedDuringOutage).toBeGreaterThan(0);
    // The API does not leak the database error either.
    const api = await app.inject({
      url: `/api/v1/trends?site=${SITE}&fromMs=${t}&toMs=${t + 900_000}`,
      headers: { authorization: 'Bearer officer-token-0123456789' },
    });
    expect(api.statusCode).toBe(503);
    expect(api.json()).toEqual({
      error: 'the database is unavailable, try again later',
      code: 'DATABASE_UNAVAILABLE',
      statusCode: 503,
    });

    await proxy.open();
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(steady);
    await publisher.endAsync();
    await waitFor(
      'every summary stored',
      async () => (await storedContributors(urls.influxUrl, db, SITE)) === published,
      40_000,
    );
    await waitFor(
      'healthy again',
      async () => (await app.inject({ url: '/healthz' })).statusCode === 200,
      40_000,
    );
    expect(stored()).toBe(published);
    await waitFor('spool drained', () => app.haltung.sink.spooledBytes === 0);

    // Down again, and the server restarts before the database is back: the spool survives it.
    await proxy.cut();
    await publishSummaries(
      urls.mqttUrl,
      Array.from({ length: 5 }, () => summary({ siteId: SITE, bucketStartMs: t })),
    );
    await waitFor('5 more spooled', () => stored() === published + 5);
    await app.close();
    await proxy.open();
    app = await startApp(config);
    const total = published + 5;
    await waitFor(
      'all stored',
      async () => (await storedContributors(urls.influxUrl, db, SITE)) === total,
      40_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedContributors(urls.influxUrl, db, SITE)).toBe(total);
    await app.close();
  }, 120_000);
});
