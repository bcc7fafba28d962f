import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSummary, HAZARD_TYPES, type Summary, topics } from '@haltung/protocol';
import mqtt from 'mqtt';
import pino from 'pino';
// Benches run outside Vitest, so they start their own broker and database like the tests do.
import { startServices } from '../../test/src/services/index.js';
import { emptyCell, mergeSummary } from './aggregate/cell.js';
import { buildApp } from './app.js';
import { serverConfigSchema } from './config/config-schema.js';
import { cellsInfluxQL } from './storage/read-cells.js';
import { cellLines } from './storage/schema.js';

const SUMMARIES = 2000;
const ZONES = 20;
const BUCKET_MS = 900_000;

function makeSummaries(nowMs: number): Summary[] {
  const base = Math.floor(nowMs / BUCKET_MS) * BUCKET_MS;
  return Array.from({ length: SUMMARIES }, (_, i) => ({
    v: 1,
    msgId: randomUUID(),
    siteId: 'bench',
    zoneId: `zone-${i % ZONES}`,
    bucketStartMs: base - (1 + (Math.floor(i / ZONES) % 40)) * BUCKET_MS,
    bucketSeconds: 900,
    observedSeconds: 900,
    postureSeconds: { standing: 700, stooping: 200 },
    exposureSeconds: { trunk_20_45: 150 },
    hazards: { [HAZARD_TYPES[i % HAZARD_TYPES.length] as string]: { warning: 2, high: 1 } },
    lifts: { total: 5, stooped: 1 },
    acks: 0,
    snoozes: 0,
    modelVersion: 'bench-1',
  }));
}

async function query(influxUrl: string, db: string, q: string): Promise<void> {
  const res = await fetch(`${influxUrl}/query?${new URLSearchParams({ db, q, epoch: 'ms' })}`);
  await res.json();
}

/** Summaries/s through the server vs. the same points written straight to InfluxDB; API vs. InfluxQL latency. */
export default async function bench() {
  const services = await startServices({
    name: `bench-server-${process.pid}`,
    ports: 'auto',
    env: process.env,
    ephemeral: true,
  });
  const spoolDir = mkdtempSync(join(tmpdir(), 'haltung-bench-'));
  try {
    const summaries = makeSummaries(Date.now());
    // Direct: one write per summary-sized change, batched like the server (5000 lines per request).
    const directDb = 'bench_direct';
    await query(services.influxUrl, directDb, `CREATE DATABASE ${directDb}`);
    const lines = summaries.flatMap((s, i) => {
      const cell = emptyCell({ ...s, zoneId: `${s.zoneId}-${i}` });
      mergeSummary(cell, s, 30);
      return cellLines(cell, 'direct');
    });
    const t0 = performance.now();
    for (let i = 0; i < lines.length; i += 5000) {
      const res = await fetch(`${services.influxUrl}/write?db=${directDb}&precision=ms`, {
        method: 'POST',
        body: lines.slice(i, i + 5000).join('\n'),
      });
      if (!res.ok) throw new Error(`direct write failed: ${res.status}`);
    }
    const directPerS = SUMMARIES / ((performance.now() - t0) / 1000);

    const config = serverConfigSchema.parse({
      mqtt: { url: services.mqttUrl },
      influx: { url: services.influxUrl, database: 'bench_server' },
      tokens: [{ name: 'bench', role: 'safety_officer', token: 'bench-token-0123456789' }],
      spoolDir,
      flushIntervalMs: 200,
      logLevel: 'silent',
    });
    const app = await buildApp(config, { logger: pino({ level: 'silent' }) });
    await app.ready();
    await app.haltung.started;
    const client = await mqtt.connectAsync(services.mqttUrl, { protocolVersion: 5 });
    const t1 = performance.now();
    await Promise.all(
      summaries.map((s) =>
        client.publishAsync(topics.summary(s.siteId, s.zoneId), encodeSummary(s), { qos: 1 }),
      ),
    );
    const stored = () => app.haltung.metrics.value('haltung_summaries_stored_total', { site: 'bench' });
    while (stored() < SUMMARIES || app.haltung.sink.pendingCells > 0)
      await new Promise((r) => setTimeout(r, 20));
    await app.haltung.sink.flush();
    const serverPerS = SUMMARIES / ((performance.now() - t1) / 1000);
    await client.endAsync();

    // API latency vs. the equivalent InfluxQL, both over 10 h of 20 zones.
    const toMs = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
    const fromMs = toMs - 40 * BUCKET_MS;
    const url = `/api/v1/trends?site=bench&fromMs=${fromMs}&toMs=${toMs}`;
    const headers = { authorization: 'Bearer bench-token-0123456789' };
    const q = cellsInfluxQL('haltung', { siteId: 'bench', fromMs, toMs });
    const runs = 30;
    await app.inject({ url, headers });
    const t2 = performance.now();
    for (let i = 0; i < runs; i++) await app.inject({ url, headers });
    const apiMs = (performance.now() - t2) / runs;
    const t3 = performance.now();
    for (let i = 0; i < runs; i++) await query(services.influxUrl, 'bench_server', q);
    const directMs = (performance.now() - t3) / runs;
    await app.close();

    return [
      {
        name: 'server ingest rate (MQTT → spool → InfluxDB)',
        value: serverPerS,
        unit: 'summaries/s',
        higherIsBetter: true,
        details: { summaries: SUMMARIES },
      },
      {
        name: 'direct InfluxDB write rate, same points',
        value: directPerS,
        unit: 'summaries/s',
        higherIsBetter: true,
      },
      {
        name: 'ingest rate ratio server / direct',
        value: serverPerS / directPerS,
        unit: 'ratio',
        higherIsBetter: true,
      },
      {
        name: 'API trends latency',
        value: apiMs,
        unit: 'ms',
        higherIsBetter: false,
        details: { zones: ZONES, buckets: 40 },
      },
      { name: 'direct InfluxQL latency, same query', value: directMs, unit: 'ms', higherIsBetter: false },
      {
        name: 'query latency ratio API / direct',
        value: apiMs / directMs,
        unit: 'ratio',
        higherIsBetter: false,
      },
    ];
  } finally {
    rmSync(spoolDir, { recursive: true, force: true });
    await services.stop();
  }
}
