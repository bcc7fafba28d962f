import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeSummary } from '@haltung/protocol';
import { describe, expect, inject, it } from 'vitest';
import { listen, publishFrames, runId, waitFor } from './testing/agent-harness.js';
import { syntheticFrames } from './testing/synthetic-frames.js';

const MAIN = resolve(import.meta.dirname, 'main.ts');

function startMain(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

describe('npm run edge (main.ts)', () => {
  it('starts, and on SIGTERM publishes the open buckets and exits 0', async () => {
    const mqttUrl = inject('mqttUrl');
    const site = runId('main');
    const bus = await listen(mqttUrl, [`haltung/v1/summary/${site}/+`]);
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-main-'));
    const main = startMain([
      '--broker',
      mqttUrl,
      '--site',
      site,
      '--data-dir',
      dataDir,
      '--log-level',
      'info',
    ]);
    try {
      await waitFor(() => main.output().includes('edge agent started'), 'the agent to start', 30_000);
      const device = runId('dev');
      await publishFrames(
        bus.client,
        device,
        syntheticFrames({ t0Ms: Date.now() - 20_000, steps: [{ durationS: 10, flexDeg: 3 }] }),
      );
      await new Promise((r) => setTimeout(r, 1000));
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      const [message] = await waitFor(() => (bus.messages.length > 0 ? bus.messages : null), 'the summary');
      const summary = decodeSummary(message?.payload as Buffer);
      expect(summary.ok && summary.value.observedSeconds).toBeGreaterThan(9);
      expect(main.output()).not.toContain(device);
    } finally {
      main.child.kill('SIGKILL');
      await bus.client.endAsync();
    }
  }, 60_000);

  it('refuses an invalid configuration with every problem listed, before connecting', async () => {
    const main = startMain([
      '--broker',
      'nonsense',
      '--bucket-seconds',
      '30',
      '--rules',
      '/no/such/rules.yaml',
    ]);
    expect(await main.exited).toBe(2);
    expect(main.output()).toMatch(/broker \(from --broker\)/);
    expect(main.output()).toMatch(/bucketSeconds \(from --bucket-seconds\)/);
    expect(main.output()).toMatch(/invalid rules in \/no\/such\/rules.yaml/);
  }, 60_000);
});
