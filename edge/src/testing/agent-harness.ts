import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeImuFrame, type ImuFrame, topics } from '@haltung/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { createEdgeAgent, type EdgeAgent } from '../agent/edge-agent.js';
import { loadClassifier } from '../classify/load-classifier.js';
import { type EdgeConfig, type EdgeConfigInput, edgeConfigSchema } from '../config/config-schema.js';
import { loadRules } from '../rules/load-rules.js';

/** A unique id for this test run (topics on the shared broker must not collide). */
export const runId = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** Settings for tests: fast ticks, a temporary data dir, no flood limit unless asked. */
export function testConfig(overrides: EdgeConfigInput): EdgeConfig {
  return edgeConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'haltung-edge-')),
    tickMs: 50,
    bucketSeconds: 300,
    maxSamplesPerS: 100_000,
    burstS: 600,
    logLevel: 'silent',
    // Tests stop the agent to see every summary; the hold path has tests of its own.
    onStop: 'flush',
    ...overrides,
  });
}

/** Creates and starts an agent with the default rules and the shipped posture model. */
export async function startAgent(config: EdgeConfig): Promise<EdgeAgent> {
  const log = pino({ level: config.logLevel });
  const agent = createEdgeAgent({
    config,
    rules: loadRules(config.rulesFile),
    classifier: await loadClassifier(config.modelDir, log),
    log,
  });
  await agent.start();
  return agent;
}

export interface Received {
  topic: string;
  payload: Buffer;
  retain: boolean;
}

/** A plain MQTT client subscribed to `filters`, recording every message. */
export async function listen(
  url: string,
  filters: string[],
): Promise<{ client: MqttClient; messages: Received[] }> {
  const client = await mqtt.connectAsync(url, { clientId: runId('listener') });
  const messages: Received[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload, retain: packet.retain }));
  await client.subscribeAsync(filters, { qos: 1 });
  return { client, messages };
}

/** Publishes frames in order (QoS 1, so the broker has them all before this resolves). */
export async function publishFrames(client: MqttClient, deviceId: string, frames: ImuFrame[]): Promise<void> {
  for (const frame of frames)
    await client.publishAsync(topics.imu(deviceId), Buffer.from(encodeImuFrame(frame)), { qos: 1 });
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws `what`). */
export async function waitFor<T>(check: () => T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
