import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeSummary, type Summary, topics } from '@haltung/protocol';
import mqtt from 'mqtt';
import { type AppProcess, startApp } from '../src/demo/child-process.js';
import { startInfluxd } from '../src/services/influxdb.js';
import { findBinary } from '../src/services/install.js';
import { startMosquitto } from '../src/services/mosquitto.js';
import { freePort } from '../src/services/ports.js';
import { E2E_TOKEN, eventually } from './pipeline-harness.js';

const root = resolve(import.meta.dirname, '../..');

/** A Mosquitto of the drill's own, which the drill may stop and start again (same port, same data). */
export async function dedicatedBroker() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'haltung-drill-mqtt-'));
  const binary = findBinary('mosquitto') ?? 'mosquitto';
  let broker = await startMosquitto({ binary, port, dir });
  return {
    url: broker.url,
    async stop() {
      await broker.daemon.stop();
    },
    async start() {
      broker = await startMosquitto({ binary, port, dir });
    },
  };
}

/** An InfluxDB of the drill's own, which the drill may stop and start again. */
export async function dedicatedInflux() {
  const ports = { httpPort: await freePort(), rpcPort: await freePort() };
  const dir = mkdtempSync(join(tmpdir(), 'haltung-drill-influx-'));
  const binary = findBinary('influxd') ?? 'influxd';
  let influx = await startInfluxd({ binary, ...ports, dir });
  return {
    url: influx.url,
    async stop() {
      await influx.daemon.stop();
    },
    async start() {
      influx = await startInfluxd({ binary, ...ports, dir });
    },
  };
}

/** A valid anonymous summary, as an edge agent would publish it. */
export function summary(siteId: string, zoneId: string, bucketStartMs: number, lifts = 3): Summary {
  return {
    v: 1,
    msgId: randomUUID(),
    siteId,
    zoneId,
    bucketStartMs,
    bucketSeconds: 900,
    observedSeconds: 600,
    postureSeconds: { standing: 300, walking: 200, stooping: 100 },
    exposureSeconds: { trunk_20_45: 80, trunk_over_60: 20 },
    hazards: { trunk_flexion_severe: { warning: 1, high: 0 } },
    lifts: { total: lifts, stooped: 1 },
    acks: 0,
    snoozes: 0,
    modelVersion: 'drill',
  };
}

/**
 * Publishes `count` summaries at a steady rate (QoS 1), each acknowledged by the broker before
 * it counts as sent; a broker outage makes it wait and retry, so the count is exact.
 */
export async function publishSteadily(
  url: string,
  make: (i: number) => Summary,
  count: number,
  perSecond: number,
): Promise<number> {
  const client = await mqtt.connectAsync(url, {
    clientId: `drill-pub-${randomUUID().slice(0, 8)}`,
    reconnectPeriod: 200,
  });
  let sent = 0;
  try {
    for (let i = 0; i < count; i++) {
      const s = make(i);
      await client.publishAsync(topics.summary(s.siteId, s.zoneId), encodeSummary(s), { qos: 1 });
      sent++;
      await new Promise((r) => setTimeout(r, 1000 / perSecond));
    }
  } finally {
    await client.endAsync();
  }
  return sent;
}

/** Device summaries merged into the stored aggregates of `site` (sum of `contributors`). */
export async function storedContributors(influxUrl: string, database: string, site: string): Promise<number> {
  const q = `SELECT sum("contributors") FROM "zone_bucket" WHERE "site" = '${site}'`;
  const res = await fetch(`${influxUrl}/query?db=${database}&q=${encodeURIComponent(q)}`);
  const body = (await res.json()) as { results: Array<{ series?: Array<{ values: number[][] }> }> };
  return body.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
}

/** Waits until exactly `expected` summaries are stored, then checks it stays so (no late doubles). */
export async function expectStoredExactly(
  influxUrl: string,
  database: string,
  site: string,
  expected: number,
  timeoutMs = 90_000,
): Promise<number> {
  let last = 0;
  await eventually(
    `${expected} summaries stored for ${site}`,
    async () => {
      last = await storedContributors(influxUrl, database, site);
      return last >= expected ? true : undefined;
    },
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; stored ${last}`);
  });
  await new Promise((r) => setTimeout(r, 1500));
  const stored = await storedContributors(influxUrl, database, site);
  if (stored !== expected) {
    // Say exactly what is there, so a double count or a loss can be traced to its cell and writer.
    const q = `SELECT "contributors", "writer", "zone", "bucket" FROM "zone_bucket" WHERE "site" = '${site}'`;
    const rows = await (await fetch(`${influxUrl}/query?db=${database}&q=${encodeURIComponent(q)}`)).text();
    console.error(`stored ${stored}, expected ${expected}: ${rows}`);
  }
  return stored;
}

/** The server as its own process (so a drill can kill it), answering on a free port. */
export async function serverProcess(env: Record<string, string>, stateDir: string) {
  const port = await freePort();
  const logs: string[] = [];
  const app: AppProcess = startApp('server', 'server/src/main.ts', [], {
    cwd: root,
    env: {
      HALTUNG_SERVER_PORT: String(port),
      HALTUNG_SERVER_SPOOL_DIR: stateDir,
      HALTUNG_SERVER_TOKENS: `drill:safety_officer:${E2E_TOKEN}`,
      HALTUNG_SERVER_LOG_LEVEL: 'info',
      ...env,
    },
    onLine: (line) => {
      logs.push(line);
      if (logs.length > 2000) logs.shift();
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    'server answering /healthz',
    async () => {
      if (app.child.exitCode !== null) throw new Error(`server exited: ${logs.slice(-5).join('\n')}`);
      // 200 once the database is reachable and every MQTT session is subscribed.
      return (await fetch(`${url}/healthz`).catch(() => null))?.status === 200 ? true : undefined;
    },
    60_000,
  );
  return { app, url, logs, pid: app.child.pid as number };
}

/** Resident memory of a process, MiB (Linux). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
}
