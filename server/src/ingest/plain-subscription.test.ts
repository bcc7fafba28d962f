import { randomUUID } from 'node:crypto';
import { topicFilters, topics } from '@haltung/protocol';
import mqtt from 'mqtt';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedBroker } from '../../../test/src/services/embedded-broker.js';
import { freePort } from '../../../test/src/services/ports.js';
import {
  bucketAgo,
  startApp,
  storedContributors,
  summary,
  testConfig,
  uniqueDb,
  waitFor,
} from '../test-support.js';

const SITE = 'plant-plain';
const influxUrl = inject('influxUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Publishes summaries over MQTT 3.1.1, as a client of a v4-only broker must. */
async function publishV4(url: string, n: number, site: string) {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: `pub-${randomUUID()}` });
  for (let i = 0; i < n; i++) {
    const s = summary({ siteId: site, bucketStartMs: bucketAgo(1) });
    await client.publishAsync(topics.summary(s.siteId, s.zoneId), JSON.stringify(s), { qos: 1 });
  }
  await client.endAsync();
}

describe('without a share group (single instance, plain subscription)', () => {
  it('ingests from an MQTT 3.1.1-only broker (the demo’s embedded aedes) with protocolVersion 4', async () => {
    const broker = await startEmbeddedBroker(await freePort());
    cleanups.push(() => broker.stop());
    const db = uniqueDb('plainv4');
    const app = await startApp(
      testConfig({ mqttUrl: broker.url, influxUrl }, db, {
        shareGroup: null,
        mqtt: { url: broker.url, protocolVersion: 4 },
      }),
    );
    cleanups.push(() => app.close());
    expect(app.haltung.ingest.filter).toBe(topicFilters.allSummaries);
    expect(app.haltung.ingest.sessions).toBe(1);
    expect(app.haltung.ingest.connected).toBe(true);

    await publishV4(broker.url, 6, SITE);
    await waitFor('6 stored', async () => (await storedContributors(influxUrl, db, SITE)) >= 6).catch(
      () => {},
    );
    expect(await storedContributors(influxUrl, db, SITE)).toBe(6);
  }, 60_000);

  it('works over MQTT 5 too (Mosquitto), each summary stored once', async () => {
    const mqttUrl = inject('mqttUrl');
    const db = uniqueDb('plainv5');
    const app = await startApp(testConfig({ mqttUrl, influxUrl }, db, { shareGroup: null }));
    cleanups.push(() => app.close());
    expect(app.haltung.ingest.clientId(0)).toMatch(/^haltung-server-1-0$/);
    await publishV4(mqttUrl, 4, `${SITE}-v5`);
    await waitFor('4 stored', async () => (await storedContributors(influxUrl, db, `${SITE}-v5`)) >= 4).catch(
      () => {},
    );
    await app.haltung.sink.flush();
    expect(await storedContributors(influxUrl, db, `${SITE}-v5`)).toBe(4);
  }, 60_000);
});
