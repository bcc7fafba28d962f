import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, runId, startAgent, testConfig, waitFor } from '@haltung/edge/testing';
import { decodeSummary, isDeviceTopic, parseTopic } from '@haltung/protocol';
import { Fleet } from '@haltung/simulator';
import { describe, expect, it } from 'vitest';
import { ensureInstalled, freePort, startMosquitto } from '../src/services/index.js';

/**
 * Nothing but anonymous summaries leaves the device topics: a simulated fleet and a real edge agent
 * on a broker of their own (so a subscription to `#` sees only them); every message off the
 * device topics must be a valid summary that names no device or worker and holds no sample.
 */
describe('edge agent privacy on the wire', () => {
  it('publishes off the device topics only summaries without any identifier or raw sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haltung-edge-privacy-'));
    const binary = ensureInstalled([{ binary: 'mosquitto', aptPackage: 'mosquitto' }], () => {}).get(
      'mosquitto',
    );
    const broker = await startMosquitto({ binary: binary ?? 'mosquitto', port: await freePort(), dir });
    const site = runId('privacy');
    const prefix = runId('wearer');
    const spy = await listen(broker.url, ['#']);
    const agent = await startAgent(testConfig({ broker: broker.url, siteId: site }));
    const bucketMs = 300_000;
    const fleet = new Fleet({
      mqttUrl: broker.url,
      workers: 4,
      zones: ['hall-a', 'hall-b'],
      seed: 11,
      tasks: ['warehouse_picking', 'rebar_tying'],
      speed: Number.POSITIVE_INFINITY,
      // Starts a minute before a bucket boundary, an hour ago: one bucket closes during the run.
      startMs: Math.floor((Date.now() - 3600_000) / bucketMs) * bucketMs - 60_000,
      devicePrefix: prefix,
      meanZoneStayS: 90,
    });
    try {
      await fleet.start();
      const stats = await fleet.run(3 * 60);
      await waitFor(() => agent.metrics.frames.total() >= stats.frames, 'the agent to catch up', 60_000);
      await agent.stop();
      await fleet.stop();
      await new Promise((r) => setTimeout(r, 300));

      const ids = fleet.wearables.flatMap((w) => [w.deviceId, w.worker.id]);
      const off = spy.messages.filter((m) => !isDeviceTopic(m.topic));
      expect(spy.messages.some((m) => isDeviceTopic(m.topic))).toBe(true); // the spy did see the fleet
      expect(off.length).toBeGreaterThanOrEqual(fleet.wearables.length);
      for (const m of off) {
        expect(parseTopic(m.topic)).toMatchObject({ kind: 'summary', siteId: site });
        const decoded = decodeSummary(m.payload);
        expect(decoded.ok, m.payload.toString()).toBe(true);
        const text = m.payload.toString('utf8');
        for (const id of ids) {
          expect(text).not.toContain(id);
          expect(m.topic).not.toContain(id);
        }
        expect(m.payload.subarray(0, 2).toString('latin1')).not.toBe('HL'); // no binary IMU frame
      }
      // Device topics carry what the fleet sent and the agent's warnings, to each device only.
      for (const m of spy.messages.filter((x) => isDeviceTopic(x.topic))) {
        expect(['imu', 'zone', 'feedback', 'control']).toContain(m.topic.split('/')[4]);
      }
    } finally {
      await spy.client.endAsync();
      await agent.kill();
      await fleet.stop();
      await broker.daemon.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
