import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
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
  it('on SIGTERM holds the open bucket on disk, and the next run adds to it and publishes one summary', async () => {
    const mqttUrl = inject('mqttUrl');
    const site = runId('main');
    const bus = await listen(mqttUrl, [`haltung/v1/summary/${site}/+`]);
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-main-'));
    const common = ['--broker', mqttUrl, '--site', site, '--data-dir', dataDir];
    const main = startMain([...common, '--log-level', 'info']);
    try {
      await waitFor(() => main.output().includes('edge agent started'), 'the agent to start', 30_000);
      const device = runId('dev');
      await publishFrames(
        bus.client,
        device,
        // A minute into the current 15-min bucket: all ten seconds in one bucket that is not over.
        syntheticFrames({
          t0Ms: Math.floor(Date.now() / 900_000) * 900_000 + 60_000,
          steps: [{ durationS: 10, flexDeg: 3 }],
        }),
      );
      await new Promise((r) => setTimeout(r, 1000));
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      // The bucket is not over: nothing published, the counts wait on the edge's disk.
      expect(main.output()).toContain('open buckets held on disk');
      expect(existsSync(join(dataDir, 'open-buckets.json'))).toBe(true);
      expect(bus.messages).toEqual([]);
      expect(main.output()).not.toContain(device);

      // Restarted for a final stop: the held bucket is published once, with the first run's seconds.
      const again = startMain([...common, '--on-stop', 'flush']);
      try {
        await waitFor(() => again.output().includes('edge agent started'), 'the agent to restart', 30_000);
        expect(existsSync(join(dataDir, 'open-buckets.json'))).toBe(false);
        again.child.kill('SIGTERM');
        expect(await again.exited).toBe(0);
        const [message] = await waitFor(() => (bus.messages.length > 0 ? bus.messages : null), 'the summary');
        const summary = decodeSummary(message?.payload as Buffer);
        expect(summary.ok && summary.value.observedSeconds).toBeGreaterThan(9);
        await new Promise((r) => setTimeout(r, 300));
        expect(bus.messages).toHaveLength(1);
      } finally {
        again.child.kill('SIGKILL');
      }
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
