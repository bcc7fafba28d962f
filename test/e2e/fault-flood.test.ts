import { randomBytes } from 'node:crypto';
import { encodeImuFrame, encodeSummary, topics } from '@haltung/protocol';
import { Fleet } from '@haltung/simulator';
import mqtt from 'mqtt';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { expectStoredExactly, summary } from './drill-harness.js';
import { eventually, startEdge, startServer } from './pipeline-harness.js';

/**
 * Fault drill: 10,000 malformed or oversized messages, half at the edge's device topics and half
 * at the server's summary topics, while valid data keeps flowing.
 */
const SITE = 'drill-flood';
const DB = 'drill_flood';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

function badImuPayload(i: number): Buffer {
  const good = encodeImuFrame({
    placement: 'trunk',
    sampleRateHz: 50,
    t0Ms: Date.now(),
    seq: i,
    count: 10,
    acc: new Float32Array(30).fill(3),
    gyro: null,
  });
  switch (i % 5) {
    case 0:
      return randomBytes(1 + (i % 300));
    case 1:
      return Buffer.from(good.subarray(0, good.length - 7));
    case 2: {
      const wrongVersion = Buffer.from(good);
      wrongVersion[2] = 9;
      return wrongVersion;
    }
    case 3:
      return Buffer.from(`{"v":1,"placement":"trunk","samples":[[${'1,'.repeat(40)}1]]}`);
    default:
      // Oversized: far beyond the largest frame.
      return i % 50 === 4 ? Buffer.alloc(256 * 1024, 7) : Buffer.from('{"not":"a frame"}');
  }
}

function badSummaryPayload(i: number, bucket: number): string {
  const s = summary(SITE, 'zone-1', bucket);
  switch (i % 5) {
    case 0:
      return 'not json at all';
    case 1:
      return JSON.stringify({ ...s, deviceId: `device-${i}` });
    case 2:
      return JSON.stringify({ ...s, bucketSeconds: 60 });
    case 3:
      return encodeSummary(s).slice(0, 40);
    default:
      return i % 50 === 4 ? 'x'.repeat(100 * 1024) : JSON.stringify({ ...s, v: 7 });
  }
}

describe('fault drill: a flood of 10,000 malformed or oversized messages', () => {
  it('is counted and dropped, valid data still gets through, memory stays bounded', async () => {
    const mqttUrl = inject('mqttUrl');
    const server = await startServer({ mqttUrl, influxUrl: inject('influxUrl') }, DB);
    cleanups.push(() => server.close());
    const edge = await startEdge(mqttUrl, `${SITE}-edge`, { maxSamplesPerS: 400 });
    cleanups.push(() => edge.stop(1000));
    const fleet = new Fleet({
      mqttUrl,
      workers: 2,
      zones: ['zone-1'],
      siteId: SITE,
      speed: 5,
      devicePrefix: 'flood-ok',
    });
    await fleet.start();
    cleanups.push(() => fleet.stop());
    const fleetRun = fleet.run(60);

    const rssBefore = process.memoryUsage().rss;
    const bucket = Math.floor(Date.now() / 900_000) * 900_000 - 900_000;
    const attacker = await mqtt.connectAsync(mqttUrl, { clientId: 'flood-attacker' });
    cleanups.push(() => attacker.endAsync());
    const valid = 40;
    for (let i = 0; i < 5000; i++) {
      attacker.publish(topics.imu(`flood-bad-${i % 50}`), badImuPayload(i), { qos: 0 });
      attacker.publish(topics.summary(SITE, 'zone-1'), badSummaryPayload(i, bucket), { qos: 0 });
      if (i % 125 === 0) {
        await attacker.publishAsync(
          topics.summary(SITE, 'zone-1'),
          encodeSummary(summary(SITE, 'zone-1', bucket)),
          {
            qos: 1,
          },
        );
        await new Promise((r) => setImmediate(r));
      }
    }
    await fleetRun;

    const serverDrops = async () => {
      const text = (await server.inject({ url: '/metrics' })).body;
      return text
        .split('\n')
        .filter((l) => l.startsWith('haltung_summaries_total{') && !l.includes('outcome="stored"'))
        .reduce((s, l) => s + Number(l.split(' ').at(-1)), 0);
    };
    await eventually('the edge counted every bad frame', async () =>
      edge.metrics.drops.total() >= 5000 ? true : undefined,
    );
    // The 100 oversized ones never reach the server: it tells the broker its maximum packet size,
    // and the broker drops them there (MQTT 5).
    let drops = 0;
    await eventually('the server counted every bad summary it was sent', async () => {
      drops = await serverDrops();
      return drops >= 4900 ? true : undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; counted ${drops}`);
    });
    expect(await expectStoredExactly(inject('influxUrl'), DB, SITE, valid)).toBe(valid);

    // The good wearers were processed all along, and nothing crashed.
    expect(edge.metrics.frames.total()).toBeGreaterThan(100);
    expect((await server.inject({ url: '/healthz' })).statusCode).toBe(200);
    const growthMiB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    expect(growthMiB).toBeLessThan(200);
  }, 180_000);
});
