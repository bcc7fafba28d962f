import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { NoiseSource } from '../privacy/noise.js';
import {
  bucketAgo,
  CuttableProxy,
  publishSummaries,
  storedContributors,
  summary,
  testConfig,
  uniqueDb,
  waitFor,
} from '../test-support.js';

const SITE = 'plant-start-order';
const urls = { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') };
const proxy = new CuttableProxy(new URL(urls.influxUrl));
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('start order', () => {
  it('is subscribed once ready, so summaries published while it restores its state are kept', async () => {
    // InfluxDB away at start: the server cannot restore its cells yet. Its share group is new to
    // the broker, so a summary published before the server has subscribed would be dropped.
    await proxy.open();
    await proxy.cut();
    cleanups.push(() => proxy.cut());
    const db = uniqueDb('startorder');
    const config = testConfig({ mqttUrl: urls.mqttUrl, influxUrl: proxy.url }, db);
    const app = await buildApp(config, {
      logger: pino({ level: 'silent' }),
      noise: new NoiseSource('test-noise-secret-0123456789'),
    });
    cleanups.push(() => app.close());
    await app.ready();
    expect(app.haltung.ingest.connected).toBe(true);
    expect(app.haltung.sink.ready).toBe(false);

    await publishSummaries(
      urls.mqttUrl,
      Array.from({ length: 6 }, () => summary({ siteId: SITE, bucketStartMs: bucketAgo(1) })),
    );
    await proxy.open();
    await app.haltung.started;
    await waitFor('6 stored', async () => (await storedContributors(urls.influxUrl, db, SITE)) >= 6).catch(
      () => {},
    );
    expect(await storedContributors(urls.influxUrl, db, SITE)).toBe(6);
  }, 60_000);
});
