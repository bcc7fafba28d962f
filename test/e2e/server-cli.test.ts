import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  encodeSummary,
  privacyResponseSchema,
  type Summary,
  topics,
  trendsResponseSchema,
} from '@haltung/protocol';
import mqtt from 'mqtt';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../src/services/index.js';

// `npm run server` as an operator starts it: a real process with a YAML config and the environment,
// over real HTTP, stopped with SIGTERM.
const root = resolve(import.meta.dirname, '../..');
const TOKEN = 'cli-officer-token-0123456789';
const SITE = 'plant-cli';
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function startServer(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => output };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function summary(zoneId: string, bucketStartMs: number): Summary {
  return {
    v: 1,
    msgId: randomUUID(),
    siteId: SITE,
    zoneId,
    bucketStartMs,
    bucketSeconds: 900,
    observedSeconds: 720,
    postureSeconds: { standing: 600, stooping: 120 },
    exposureSeconds: { trunk_20_45: 120 },
    hazards: { trunk_flexion_held: { warning: 1, high: 0 } },
    lifts: { total: 4, stooped: 1 },
    acks: 0,
    snoozes: 0,
    modelVersion: 'cli-1',
  };
}

describe('npm run server', () => {
  it('refuses a bad configuration with every problem listed and exit code 2', async () => {
    const run = startServer([], {
      HALTUNG_SERVER_K: '1',
      HALTUNG_SERVER_MQTT_URL: '',
      HALTUNG_SERVER_INFLUX_URL: '',
    });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('privacy.k (HALTUNG_SERVER_K)');
    expect(run.output()).toContain('mqtt.url (HALTUNG_SERVER_MQTT_URL)');
    expect(run.output()).toContain('influx.url (HALTUNG_SERVER_INFLUX_URL)');
  });

  it('serves the API over HTTP from a YAML config plus environment and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'haltung-cli-'));
    const file = join(dir, 'server.yaml');
    writeFileSync(
      file,
      [
        `instanceId: cli-1`,
        `shareGroup: cli-e2e`,
        `influx:`,
        `  url: ${inject('influxUrl')}`,
        `  database: e2e_cli_${process.pid}`,
        `tokens:`,
        `  - { name: ehs-office, role: safety_officer, token: ${TOKEN} }`,
        `spoolDir: ${join(dir, 'spool')}`,
        `flushIntervalMs: 100`,
        `logLevel: warn`,
      ].join('\n'),
    );
    const run = startServer(['--config', file], {
      HALTUNG_SERVER_MQTT_URL: inject('mqttUrl'),
      HALTUNG_SERVER_PORT: String(port),
      HALTUNG_SERVER_TIME_ZONE: 'UTC',
    });
    const base = `http://127.0.0.1:${port}`;
    await until('healthy', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));

    const t = (Math.floor(Date.now() / 900_000) - 1) * 900_000;
    const client = await mqtt.connectAsync(inject('mqttUrl'), { protocolVersion: 5 });
    for (let i = 0; i < 5; i++) {
      const s = summary('press-shop', t);
      await client.publishAsync(topics.summary(SITE, 'press-shop'), encodeSummary(s), { qos: 1 });
    }
    await client.endAsync();

    const headers = { authorization: `Bearer ${TOKEN}` };
    const trends = await until('trends', async () => {
      const res = await fetch(
        `${base}/api/v1/trends?site=${SITE}&fromMs=${t}&toMs=${t + 900_000}&hazard=trunk_flexion_held`,
        { headers },
      );
      const body = trendsResponseSchema.parse(await res.json());
      return body.series[0]?.points[0]?.count.suppressed === false ? body : undefined;
    });
    expect(trends.series[0]?.points[0]?.count).toEqual({ suppressed: false, value: 5 });
    const privacy = privacyResponseSchema.parse(
      await (await fetch(`${base}/api/v1/privacy`, { headers })).json(),
    );
    expect(privacy.settings.timeZone).toBe('UTC');
    expect(privacy.modelVersion).toBe('cli-1');
    const denied = await fetch(`${base}/api/v1/audit`, { headers });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-content-type-options')).toBe('nosniff');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 90_000);
});
