import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeAgent, type EdgeAgent, edgeConfigSchema, loadClassifier, loadRules } from '@haltung/edge';
import { buildApp, type ServerConfigInput, serverConfigSchema } from '@haltung/server';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';

/** Tokens of the end-to-end servers (test only). */
export const E2E_TOKEN = 'e2e-officer-token-0123456789';
export const E2E_COUNCIL_TOKEN = 'e2e-council-token-0123456789';
export const officer = { authorization: `Bearer ${E2E_TOKEN}` };

/** A real server (Fastify app with MQTT ingest and InfluxDB storage), not listening on a port. */
export async function startServer(
  urls: { mqttUrl: string; influxUrl: string },
  database: string,
  overrides: Partial<ServerConfigInput> = {},
): Promise<FastifyInstance> {
  const config = serverConfigSchema.parse({
    mqtt: { url: urls.mqttUrl },
    influx: { url: urls.influxUrl, database },
    tokens: [
      { name: 'e2e-officer', role: 'safety_officer', token: E2E_TOKEN },
      { name: 'e2e-council', role: 'works_council', token: E2E_COUNCIL_TOKEN },
    ],
    spoolDir: mkdtempSync(join(tmpdir(), 'haltung-e2e-server-')),
    shareGroup: database.replace(/_/g, '-'),
    flushIntervalMs: 100,
    logLevel: 'silent',
    ...overrides,
  });
  const app = await buildApp(config, { logger: pino({ level: 'silent' }) });
  await app.ready();
  await app.haltung.started;
  return app;
}

/** A real edge agent with the shipped model and default rules. */
export async function startEdge(
  brokerUrl: string,
  siteId: string,
  overrides: Record<string, unknown> = {},
): Promise<EdgeAgent> {
  const log = pino({ level: 'silent' });
  const config = edgeConfigSchema.parse({
    broker: brokerUrl,
    siteId,
    dataDir: mkdtempSync(join(tmpdir(), 'haltung-e2e-edge-')),
    // Accelerated simulation: wearables send many times their real rate.
    maxSamplesPerS: 100_000,
    burstS: 600,
    logLevel: 'silent',
    // The tests stop the edge to see every summary in the database (a final stop, not a restart).
    onStop: 'flush',
    ...overrides,
  });
  const agent = createEdgeAgent({
    config,
    rules: loadRules(),
    classifier: await loadClassifier(config.modelDir, log),
    log,
  });
  await agent.start();
  return agent;
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs` naming `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not reached within ${timeoutMs} ms${last ? ` (last error: ${last})` : ''}`);
}
