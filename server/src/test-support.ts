import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Summary, topics } from '@haltung/protocol';
import type { FastifyInstance } from 'fastify';
import mqtt from 'mqtt';
import pino from 'pino';
import { buildApp } from './app.js';
import { type ServerConfig, type ServerConfigInput, serverConfigSchema } from './config/config-schema.js';
import { NoiseSource } from './privacy/noise.js';

/** Test-only helpers (not exported by the package): configs, summaries, polling. */
export const TOKENS = {
  officer: 'officer-token-0123456789',
  council: 'council-token-0123456789',
  admin: 'admin-token-012345678901',
} as const;

export const auth = (who: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[who]}` });

export function testConfig(
  urls: { mqttUrl: string; influxUrl: string },
  database: string,
  overrides: Partial<ServerConfigInput> = {},
): ServerConfig {
  return serverConfigSchema.parse({
    mqtt: { url: urls.mqttUrl },
    influx: { url: urls.influxUrl, database },
    tokens: [
      { name: 'officer', role: 'safety_officer', token: TOKENS.officer },
      { name: 'council', role: 'works_council', token: TOKENS.council },
      { name: 'admin', role: 'admin', token: TOKENS.admin },
    ],
    spoolDir: mkdtempSync(join(tmpdir(), 'haltung-server-')),
    shareGroup: database.replace(/_/g, '-'),
    flushIntervalMs: 50,
    liveIntervalMs: 200,
    logLevel: 'silent',
    ...overrides,
  });
}

export async function startApp(config: ServerConfig, now?: () => number): Promise<FastifyInstance> {
  const app = await buildApp(config, {
    logger: pino({ level: 'silent' }),
    noise: new NoiseSource('test-noise-secret-0123456789'),
    ...(now ? { now } : {}),
  });
  await app.ready();
  await app.haltung.started;
  return app;
}

export const BUCKET_MS = 900_000;

/** Start of the bucket `back` buckets before the current one. */
export const bucketAgo = (back: number, nowMs = Date.now()) =>
  (Math.floor(nowMs / BUCKET_MS) - back) * BUCKET_MS;

export function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    v: 1,
    msgId: randomUUID(),
    siteId: 'plant-a',
    zoneId: 'goods-in',
    bucketStartMs: bucketAgo(1),
    bucketSeconds: 900,
    observedSeconds: 900,
    postureSeconds: { standing: 600, stooping: 300 },
    exposureSeconds: { trunk_20_45: 200, trunk_over_60: 100 },
    hazards: { trunk_flexion_held: { warning: 2, high: 1 } },
    lifts: { total: 10, stooped: 2 },
    acks: 1,
    snoozes: 0,
    modelVersion: 'posture-1.0.0',
    ...overrides,
  };
}

export const summaryTopic = (s: Pick<Summary, 'siteId' | 'zoneId'>) => topics.summary(s.siteId, s.zoneId);

/** Publishes raw payloads (QoS 1) on the broker and disconnects. */
export async function publish(mqttUrl: string, messages: { topic: string; payload: string | Buffer }[]) {
  const client = await mqtt.connectAsync(mqttUrl, { protocolVersion: 5, clientId: `pub-${randomUUID()}` });
  for (const m of messages) await client.publishAsync(m.topic, m.payload, { qos: 1 });
  await client.endAsync();
}

export const publishSummaries = (mqttUrl: string, list: Summary[]) =>
  publish(
    mqttUrl,
    list.map((s) => ({ topic: summaryTopic(s), payload: JSON.stringify(s) })),
  );

/** Polls `probe` until it is truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs an InfluxQL statement against the test database. */
export async function influxQuery(influxUrl: string, db: string, q: string) {
  const res = await fetch(`${influxUrl}/query?${new URLSearchParams({ db, q, epoch: 'ms' })}`);
  const body = (await res.json()) as {
    results: {
      series?: { name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }[];
    }[];
  };
  return body.results[0]?.series ?? [];
}

/** Sum of `contributors` this database holds for a site, over all writers. */
export async function storedContributors(influxUrl: string, db: string, site = 'plant-a'): Promise<number> {
  const series = await influxQuery(
    influxUrl,
    db,
    `SELECT sum("contributors") FROM "zone_bucket" WHERE "site" = '${site}'`,
  );
  return Number(series[0]?.values[0]?.[1] ?? 0);
}

export const uniqueDb = (name: string) => `t_${name}_${process.pid}_${Date.now() % 1_000_000}`;

/** A TCP proxy to InfluxDB that a test can cut (connections refused) and restore on the same port. */
export class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
