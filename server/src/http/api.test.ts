import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveMessageSchema } from '@haltung/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  auth,
  bucketAgo,
  startApp,
  summary,
  summaryTopic,
  TOKENS,
  testConfig,
  uniqueDb,
} from '../test-support.js';

// Every test file has its own site: all servers on the shared broker receive every summary.
const SITE = 'plant-api';
const urls = { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') };
const dashboardDir = mkdtempSync(join(tmpdir(), 'haltung-dash-'));
writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>Haltung</title>');
writeFileSync(join(dashboardDir, 'app.js'), 'console.log(1)');
let app: FastifyInstance;
const t = bucketAgo(1);

beforeAll(async () => {
  app = await startApp(testConfig(urls, uniqueDb('api'), { dashboardDir, rateLimitPerMinute: 1000 }));
  // Straight into the sink (the MQTT path has its own tests): 5 in `hall`, 2 in `yard`.
  const list = [
    ...Array.from({ length: 5 }, () => summary({ siteId: SITE, zoneId: 'hall', bucketStartMs: t })),
    ...Array.from({ length: 2 }, () => summary({ siteId: SITE, zoneId: 'yard', bucketStartMs: t })),
  ];
  for (const s of list)
    await app.haltung.sink.accept(summaryTopic(s), new TextEncoder().encode(JSON.stringify(s)));
  await app.haltung.sink.flush();
});
afterAll(() => app?.close());

const range = `site=${SITE}&fromMs=${t}&toMs=${t + 900_000}`;

describe('authentication and roles', () => {
  it('refuses requests without a valid token, with a clear error', async () => {
    const none = await app.inject({ url: `/api/v1/trends?${range}` });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({
      error: 'missing API token (Authorization: Bearer <token>)',
      code: 'UNAUTHORIZED',
      statusCode: 401,
    });
    const wrong = await app.inject({
      url: '/api/v1/sites',
      headers: { authorization: 'Bearer nope-nope-nope-nope' },
    });
    expect(wrong.json().code).toBe('UNAUTHORIZED');
    const basic = await app.inject({ url: '/api/v1/sites', headers: { authorization: 'Basic abc' } });
    expect(basic.statusCode).toBe(401);
  });

  it('lets every role read, only works council and admin read the audit log, only admin change settings', async () => {
    for (const who of ['officer', 'council', 'admin'] as const) {
      expect((await app.inject({ url: '/api/v1/privacy', headers: auth(who) })).statusCode).toBe(200);
    }
    expect((await app.inject({ url: '/api/v1/me', headers: auth('council') })).json()).toEqual({
      name: 'council',
      role: 'works_council',
    });
    const officerAudit = await app.inject({ url: '/api/v1/audit', headers: auth('officer') });
    expect(officerAudit.statusCode).toBe(403);
    expect(officerAudit.json().code).toBe('FORBIDDEN');
    expect((await app.inject({ url: '/api/v1/audit', headers: auth('council') })).statusCode).toBe(200);
    for (const who of ['officer', 'council'] as const) {
      const res = await app.inject({
        method: 'PUT',
        url: '/api/v1/settings',
        headers: auth(who),
        payload: { k: 7 },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('privacy settings', () => {
  it('states what is collected, and audits an admin change that then applies to every answer', async () => {
    const before = (await app.inject({ url: '/api/v1/privacy', headers: auth('officer') })).json();
    expect(before.settings).toEqual({
      k: 5,
      bucketSeconds: 900,
      retentionDays: 400,
      epsilon: null,
      timeZone: 'Europe/Berlin',
    });
    expect(before.modelVersion).toBe('posture-1.0.0');
    expect(before.leavesEdge).toContain('hazards');
    expect(before.leavesEdge).not.toContain('deviceId');
    expect(before.staysOnEdge).toEqual(expect.arrayContaining(['device_id', 'imu_samples']));

    const hall = async () => {
      const res = await app.inject({
        url: `/api/v1/trends?${range}&zone=hall&hazard=trunk_flexion_held`,
        headers: auth('officer'),
      });
      return res.json().series[0].points[0].count;
    };
    expect(await hall()).toEqual({ suppressed: false, value: 15 });
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: auth('admin'),
      payload: { k: 6, retentionDays: 365 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().settings.k).toBe(6);
    expect(await hall()).toEqual({ suppressed: true, reason: 'below_k' });

    const audit = (await app.inject({ url: '/api/v1/audit', headers: auth('council') })).json();
    expect(audit.entries[0]).toMatchObject({
      role: 'admin',
      actor: 'admin',
      change: { k: { from: 5, to: 6 }, retentionDays: { from: 400, to: 365 } },
    });
    // The database enforces the new retention itself.
    const rp = await fetch(
      `${urls.influxUrl}/query?q=${encodeURIComponent(`SHOW RETENTION POLICIES ON "${app.haltung.config.influx.database}"`)}`,
    );
    expect(JSON.stringify(await rp.json())).toContain('"haltung","8760h0m0s"');

    const reset = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: auth('admin'),
      payload: { k: 5 },
    });
    expect(reset.statusCode).toBe(200);
  });

  it('refuses settings that would weaken privacy below the floor, and unknown keys', async () => {
    for (const payload of [
      { k: 1 },
      { bucketSeconds: 60 },
      { epsilon: -1 },
      { deviceId: 'x' },
      { timeZone: 'Mars/Base' },
    ]) {
      const res = await app.inject({
        method: 'PUT',
        url: '/api/v1/settings',
        headers: auth('admin'),
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
    }
    expect((await app.inject({ url: '/api/v1/privacy', headers: auth('admin') })).json().settings.k).toBe(5);
  });
});

describe('input validation and errors', () => {
  it('answers bad queries with 400 and says what is wrong', async () => {
    const noSite = await app.inject({
      url: `/api/v1/trends?fromMs=${t}&toMs=${t + 1}`,
      headers: auth('officer'),
    });
    expect(noSite.statusCode).toBe(400);
    expect(noSite.json().code).toBe('VALIDATION');
    expect(noSite.json().error).toContain('site');
    const fine = await app.inject({
      url: `/api/v1/trends?${range}&intervalSeconds=60`,
      headers: auth('officer'),
    });
    expect(fine.json()).toMatchObject({ code: 'BAD_INTERVAL', statusCode: 400 });
    const backwards = await app.inject({
      url: `/api/v1/summary?site=${SITE}&fromMs=${t}&toMs=${t - 1}`,
      headers: auth('officer'),
    });
    expect(backwards.json().code).toBe('BAD_RANGE');
    const injection = await app.inject({
      url: `/api/v1/trends?site=a'%20OR%201=1&fromMs=1&toMs=2`,
      headers: auth('officer'),
    });
    expect(injection.statusCode).toBe(400);
    const byDevice = await app.inject({
      url: `/api/v1/trends?${range}&deviceId=w1`,
      headers: auth('officer'),
    });
    expect(byDevice.statusCode).toBe(200); // unknown filters are ignored: there is nothing per device to filter
    expect(byDevice.json().series.length).toBeGreaterThan(0);
  });

  it('refuses oversized and malformed bodies, and unknown routes, as JSON', async () => {
    const big = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: { ...auth('admin'), 'content-type': 'application/json' },
      payload: JSON.stringify({ timeZone: 'x'.repeat(20_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: { ...auth('admin'), 'content-type': 'application/json' },
      payload: '{"k":',
    });
    expect(broken.statusCode).toBe(400);
    const missing = await app.inject({ url: '/api/v1/nothing', headers: auth('admin') });
    expect(missing.json()).toEqual({
      error: 'no route GET /api/v1/nothing',
      code: 'NOT_FOUND',
      statusCode: 404,
    });
  });
});

describe('answers', () => {
  it('exports CSV with the same suppression, never a zero for a suppressed cell', async () => {
    const res = await app.inject({
      url: `/api/v1/export/trends.csv?${range}&hazard=trunk_flexion_held`,
      headers: auth('officer'),
    });
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'site,zone,hazard,interval_start,interval_seconds,count,worker_hours,rate_per_worker_hour,k,bucket_seconds,epsilon',
    );
    expect(lines.find((l) => l.includes(',hall,'))).toContain(',15,1.25,12,5,900,none');
    expect(lines.find((l) => l.includes(',yard,'))).toContain(
      ',suppressed:below_k,suppressed:below_k,suppressed:below_k,',
    );
    for (const kind of ['hotspots', 'summary']) {
      const r = await app.inject({ url: `/api/v1/export/${kind}.csv?${range}`, headers: auth('officer') });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('suppressed:below_k');
    }
  });

  it('gives hot spots and period summaries with the previous period', async () => {
    const hot = (
      await app.inject({ url: `/api/v1/hotspots?${range}&by=weekday`, headers: auth('officer') })
    ).json();
    expect(hot.timeZone).toBe('Europe/Berlin');
    expect(hot.cells.find((c: { zoneId: string }) => c.zoneId === 'hall').count).toEqual({
      suppressed: false,
      value: 15,
    });
    const sum = (await app.inject({ url: `/api/v1/summary?${range}`, headers: auth('officer') })).json();
    const hall = sum.zones.find((z: { zoneId: string }) => z.zoneId === 'hall');
    expect(hall.workerHours).toEqual({ suppressed: false, value: 1.25 });
    expect(hall.lifts.total).toEqual({ suppressed: false, value: 50 });
    expect(
      hall.hazards.find((h: { hazard: string }) => h.hazard === 'trunk_flexion_held').previousRate,
    ).toEqual({
      suppressed: true,
      reason: 'below_k',
    });
  });

  it('streams the live bucket over WebSocket with the same k', async () => {
    const ws = await app.injectWS(`/api/v1/live?site=${SITE}`, { headers: auth('officer') });
    const message = await new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
    ws.terminate();
    const live = liveMessageSchema.parse(JSON.parse(message));
    expect(live.bucketStartMs).toBe(t);
    const byZone = Object.fromEntries(live.zones.map((z) => [z.zoneId, z]));
    expect(byZone.hall?.hazards.trunk_flexion_held).toEqual({ suppressed: false, value: 15 });
    expect(byZone.yard?.workerHours).toEqual({ suppressed: true, reason: 'below_k' });
    await expect(app.injectWS(`/api/v1/live?site=${SITE}`)).rejects.toThrow();
    // Browsers cannot set headers on a WebSocket: the token may come as ?token= instead.
    const browser = await app.injectWS(`/api/v1/live?site=${SITE}&token=${TOKENS.council}`);
    const first = await new Promise<string>((resolve) => browser.once('message', (d) => resolve(String(d))));
    browser.terminate();
    expect(liveMessageSchema.parse(JSON.parse(first)).siteId).toBe(SITE);
  });
});

describe('operations', () => {
  it('sends security headers, keeps CORS closed, documents the API and reports health and metrics', async () => {
    const res = await app.inject({
      url: '/api/v1/sites',
      headers: { ...auth('officer'), origin: 'https://evil.example' },
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const ui = await app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    const docs = await app.inject({ url: '/docs/json' });
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/trends', '/api/v1/settings']),
    );
    const health = await app.inject({ url: '/healthz' });
    expect(health.json()).toMatchObject({ status: 'ok', mqtt: 'connected', database: 'ok' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain(`haltung_summaries_stored_total{site="${SITE}"} 7`);
  });

  it('serves the dashboard with an SPA fallback but keeps JSON 404s for the API', async () => {
    expect((await app.inject({ url: '/app.js' })).body).toBe('console.log(1)');
    const deep = await app.inject({ url: '/zones/hall', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>Haltung</title>');
  });

  it('rate-limits a flood of requests with a clear 429, and opens CORS only to configured origins', async () => {
    const limited = await startApp(
      testConfig(urls, uniqueDb('ratelimit'), {
        rateLimitPerMinute: 4,
        corsOrigins: ['https://dash.example'],
      }),
    );
    try {
      const cors = await limited.inject({
        url: '/api/v1/me',
        headers: { ...auth('officer'), origin: 'https://dash.example' },
      });
      expect(cors.headers['access-control-allow-origin']).toBe('https://dash.example');
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push((await limited.inject({ url: '/api/v1/me', headers: auth('officer') })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.inject({ url: '/api/v1/me', headers: auth('officer') });
      expect(res.json().code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
