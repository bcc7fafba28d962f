import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dedicatedBroker } from '../test-broker.js';
import {
  bucketAgo,
  publishSummaries,
  startApp,
  storedContributors,
  summary,
  testConfig,
  uniqueDb,
  waitFor,
} from '../test-support.js';

const SITE = 'plant-broker-restart';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('broker restart', () => {
  it('keeps receiving summaries through a shared subscription after Mosquitto restarts', async () => {
    const broker = await dedicatedBroker();
    cleanups.push(() => broker.stop());
    const influxUrl = inject('influxUrl');
    const db = uniqueDb('brokerrestart');
    const app: FastifyInstance = await startApp(
      testConfig({ mqttUrl: broker.url, influxUrl }, db, { mqtt: { url: broker.url, connections: 2 } }),
    );
    cleanups.push(() => app.close());
    const t = bucketAgo(1);
    const batch = (n: number) => Array.from({ length: n }, () => summary({ siteId: SITE, bucketStartMs: t }));

    await waitFor('subscribed', () => app.haltung.ingest.connected);
    await publishSummaries(broker.url, batch(5));
    await waitFor('5 stored', async () => (await storedContributors(influxUrl, db, SITE)) === 5);

    await broker.stop();
    await waitFor('disconnect seen', () => !app.haltung.ingest.connected);
    await broker.start();
    // The sessions come back with sessionPresent=true and subscribe again.
    await waitFor('subscribed again', () => app.haltung.ingest.connected, 30_000);
    await publishSummaries(broker.url, batch(7));
    await waitFor(
      '12 stored',
      async () => (await storedContributors(influxUrl, db, SITE)) >= 12,
      20_000,
    ).catch(() => {});
    expect(await storedContributors(influxUrl, db, SITE)).toBe(12);
  }, 90_000);
});
