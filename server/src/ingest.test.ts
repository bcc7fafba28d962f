import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  auth,
  bucketAgo,
  influxQuery,
  publish,
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
const SITE = 'plant-ingest';
const urls = { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') };
const db = uniqueDb('ingest');
let app: FastifyInstance;

beforeAll(async () => {
  app = await startApp(testConfig(urls, db));
  await waitFor('MQTT connection', () => app.haltung.ingest.connected);
});
afterAll(() => app?.close());

const outcome = (o: string) => app.haltung.metrics.value('haltung_summaries_total', { outcome: o });

describe('ingest through the real broker into the real InfluxDB', () => {
  it('turns summaries into aggregates the API answers with, suppressing a zone below k', async () => {
    const t = bucketAgo(2);
    const shown = Array.from({ length: 5 }, () =>
      summary({ siteId: SITE, zoneId: 'assembly', bucketStartMs: t }),
    );
    const hidden = Array.from({ length: 4 }, () =>
      summary({ siteId: SITE, zoneId: 'paint', bucketStartMs: t }),
    );
    await publishSummaries(urls.mqttUrl, [...shown, ...hidden]);
    await waitFor('9 stored', async () => (await storedContributors(urls.influxUrl, db, SITE)) === 9);

    const res = await app.inject({
      url: `/api/v1/trends?site=${SITE}&fromMs=${t}&toMs=${t + 900_000}&hazard=trunk_flexion_held`,
      headers: auth('officer'),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.privacy).toEqual({ k: 5, bucketSeconds: 900, epsilon: null });
    const assembly = body.series.find((s: { zoneId: string }) => s.zoneId === 'assembly');
    // 5 workers × (2 warning + 1 high) warnings, 5 × 900 s observed = 1.25 worker-hours.
    expect(assembly.points).toEqual([
      {
        tMs: t,
        count: { suppressed: false, value: 15 },
        workerHours: { suppressed: false, value: 1.25 },
        rate: { suppressed: false, value: 12 },
      },
    ]);
    const paint = body.series.find((s: { zoneId: string }) => s.zoneId === 'paint');
    expect(paint.points[0].count).toEqual({ suppressed: true, reason: 'below_k' });
    expect(paint.points[0].workerHours).toEqual({ suppressed: true, reason: 'below_k' });

    const sites = await app.inject({ url: '/api/v1/sites', headers: auth('council') });
    expect(sites.json().sites).toContainEqual({ siteId: SITE, zones: ['assembly', 'paint'] });
  });

  it('counts a redelivered summary (same msgId) once and adds a late one to the stored cell', async () => {
    const t = bucketAgo(6);
    const first = Array.from({ length: 5 }, () =>
      summary({ siteId: SITE, zoneId: 'dock', bucketStartMs: t }),
    );
    await publishSummaries(urls.mqttUrl, [...first, ...first.slice(0, 2)]);
    await waitFor('duplicates dropped', () => outcome('duplicate') >= 2);
    const cell = async () => {
      const [s] = await influxQuery(
        urls.influxUrl,
        db,
        `SELECT sum("contributors"), sum("lifts_total") FROM "zone_bucket" WHERE "zone" = 'dock'`,
      );
      return s?.values[0]?.slice(1);
    };
    await waitFor('5 in dock', async () => (await cell())?.[0] === 5);
    expect(await cell()).toEqual([5, 50]);
    // A late summary for the same bucket (hours later in real life) adds to the stored total.
    await publishSummaries(urls.mqttUrl, [
      summary({ siteId: SITE, zoneId: 'dock', bucketStartMs: t, lifts: { total: 3, stooped: 0 } }),
    ]);
    await waitFor('late one stored', async () => (await cell())?.[0] === 6);
    expect(await cell()).toEqual([6, 53]);
  });

  it('drops malformed, oversized, identifying and mis-addressed payloads by reason and keeps running', async () => {
    const before = await storedContributors(urls.influxUrl, db, SITE);
    const good = summary({ siteId: SITE, zoneId: 'after-junk', bucketStartMs: bucketAgo(3) });
    const tooLate = summary({ siteId: SITE, zoneId: 'after-junk', bucketStartMs: bucketAgo(24 * 4 + 8) });
    const withDeviceId = { ...summary({ siteId: SITE, zoneId: 'x' }), deviceId: 'wearable-17' };
    await publish(urls.mqttUrl, [
      { topic: summaryTopic(good), payload: '{not json' },
      { topic: summaryTopic(good), payload: Buffer.alloc(9000, 0x20) },
      { topic: summaryTopic(good), payload: JSON.stringify(withDeviceId) },
      { topic: summaryTopic({ siteId: SITE, zoneId: 'elsewhere' }), payload: JSON.stringify(good) },
      { topic: summaryTopic(tooLate), payload: JSON.stringify(tooLate) },
      { topic: summaryTopic(good), payload: JSON.stringify(good) },
    ]);
    await waitFor(
      'good one stored',
      async () => (await storedContributors(urls.influxUrl, db, SITE)) === before + 1,
    );
    expect(outcome('bad_json')).toBe(1);
    expect(outcome('too_large')).toBe(1);
    expect(outcome('schema')).toBe(1);
    expect(outcome('topic_mismatch')).toBe(1);
    expect(outcome('too_late')).toBe(1);
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('haltung_summaries_total{outcome="bad_json"} 1');
  });

  it('stores nothing that identifies a person or a device', async () => {
    const tagKeys = await influxQuery(urls.influxUrl, db, 'SHOW TAG KEYS');
    const fieldKeys = await influxQuery(urls.influxUrl, db, 'SHOW FIELD KEYS');
    const tags = new Set(tagKeys.flatMap((s) => s.values.map((v) => String(v[0]))));
    const fields = new Set(fieldKeys.flatMap((s) => s.values.map((v) => String(v[0]))));
    expect([...tags].sort()).toEqual(['bucket', 'hazard', 'severity', 'site', 'writer', 'zone']);
    for (const name of [...tags, ...fields]) {
      expect(name).not.toMatch(/device|worker_id|user|person|mac|name|msg|subject|badge|phone|ip/i);
    }
    expect(fields.has('contributors')).toBe(true);
    // The writer tag names server instances only.
    const writers = await influxQuery(urls.influxUrl, db, 'SHOW TAG VALUES WITH KEY = "writer"');
    expect(new Set(writers.flatMap((s) => s.values.map((v) => v[1])))).toEqual(new Set(['server-1']));
  });
});
