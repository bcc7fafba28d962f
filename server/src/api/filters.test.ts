import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auth, bucketAgo, startApp, summary, summaryTopic, testConfig, uniqueDb } from '../test-support.js';

// Own site and database; with noise on, so a filtered answer must also reuse the same noise.
const SITE = 'plant-filters';
const urls = { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') };
let app: FastifyInstance;
const t = bucketAgo(2);
const range = `site=${SITE}&fromMs=${t}&toMs=${t + 2 * 900_000}`;

beforeAll(async () => {
  app = await startApp(
    testConfig(urls, uniqueDb('filters'), {
      privacy: { k: 5, bucketSeconds: 900, retentionDays: 400, epsilon: 1, timeZone: 'Europe/Berlin' },
    }),
  );
  // hall: 6 devices in both buckets (published); yard: 2 in one bucket (suppressed); dock: 5 + 3.
  const plan: [string, number, number][] = [
    ['hall', t, 6],
    ['hall', t + 900_000, 6],
    ['yard', t, 2],
    ['dock', t, 5],
    ['dock', t + 900_000, 3],
  ];
  for (const [zoneId, bucketStartMs, n] of plan) {
    for (let i = 0; i < n; i++) {
      const s = summary({
        siteId: SITE,
        zoneId,
        bucketStartMs,
        hazards: {
          trunk_flexion_held: { warning: 2, high: 1 },
          trunk_flexion_severe: { warning: 1, high: 0 },
        },
      });
      await app.haltung.sink.accept(summaryTopic(s), new TextEncoder().encode(JSON.stringify(s)));
    }
  }
  await app.haltung.sink.flush();
});
afterAll(() => app?.close());

const get = async (path: string) => {
  const res = await app.inject({ url: `/api/v1/${path}`, headers: auth('officer') });
  expect(res.statusCode).toBe(200);
  return res;
};
type Row = { zoneId: string; hazard?: string };

describe('zone and hazard filters', () => {
  it('trends: a zone filter answers exactly that zone’s rows of the unfiltered answer', async () => {
    const all = (await get(`trends?${range}`)).json();
    expect(new Set(all.series.map((s: Row) => s.zoneId))).toEqual(new Set(['dock', 'hall', 'yard']));
    for (const zone of ['hall', 'yard', 'dock']) {
      const one = (await get(`trends?${range}&zone=${zone}`)).json();
      expect(one.series.length).toBeGreaterThan(0);
      expect(one.series).toEqual(all.series.filter((s: Row) => s.zoneId === zone));
    }
    const yard = (await get(`trends?${range}&zone=yard`)).json();
    for (const s of yard.series)
      for (const p of s.points) expect(p.count).toEqual({ suppressed: true, reason: 'below_k' });
  });

  it('trends: a hazard filter answers exactly that hazard’s rows, and both filters combine', async () => {
    const all = (await get(`trends?${range}`)).json();
    const held = (await get(`trends?${range}&hazard=trunk_flexion_held`)).json();
    expect(held.series).toEqual(all.series.filter((s: Row) => s.hazard === 'trunk_flexion_held'));
    const both = (await get(`trends?${range}&zone=dock&hazard=trunk_flexion_severe`)).json();
    expect(both.series).toEqual(
      all.series.filter((s: Row) => s.zoneId === 'dock' && s.hazard === 'trunk_flexion_severe'),
    );
    expect(both.series).toHaveLength(1);
  });

  it('hot spots and the period summary: filtered rows equal the unfiltered rows of that zone', async () => {
    const hot = (await get(`hotspots?${range}&by=hour`)).json();
    const summaryAll = (await get(`summary?${range}`)).json();
    for (const zone of ['hall', 'yard', 'dock']) {
      const hotOne = (await get(`hotspots?${range}&by=hour&zone=${zone}`)).json();
      expect(hotOne.cells.length).toBeGreaterThan(0);
      expect(hotOne.cells).toEqual(hot.cells.filter((c: Row) => c.zoneId === zone));
      const sumOne = (await get(`summary?${range}&zone=${zone}`)).json();
      expect(sumOne.zones).toEqual(summaryAll.zones.filter((z: Row) => z.zoneId === zone));
    }
    // dock's second bucket (3 devices) is below k: its period figures only hold the first bucket.
    const dock = (await get(`summary?${range}&zone=dock&hazard=trunk_flexion_held`)).json();
    expect(dock.zones[0].hazards.map((h: Row) => h.hazard)).toEqual(['trunk_flexion_held']);
  });

  it('CSV exports honour the filters too', async () => {
    for (const path of ['trends.csv?', 'hotspots.csv?by=hour&', 'summary.csv?']) {
      const all = (await get(`export/${path}${range}`)).body.trim().split(/\r?\n/);
      const hall = (await get(`export/${path}${range}&zone=hall`)).body.trim().split(/\r?\n/);
      expect(hall[0]).toBe(all[0]);
      const rows = hall.slice(1);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.split(',')[1]).toBe('hall');
      expect(rows).toEqual(all.slice(1).filter((r) => r.split(',')[1] === 'hall'));
    }
  });
});
