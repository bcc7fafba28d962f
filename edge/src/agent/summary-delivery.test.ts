import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSummary } from '@haltung/protocol';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { listen, publishFrames, runId, startAgent, testConfig, waitFor } from '../testing/agent-harness.js';
import { syntheticFrames } from '../testing/synthetic-frames.js';
import { TcpForwarder } from '../testing/tcp-forwarder.js';

const mqttUrl = inject('mqttUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BUCKET_MS = 300_000;
const spooledIds = (dir: string) =>
  readdirSync(join(dir, 'spool'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(-41, -5));

describe('summary delivery to the site broker', () => {
  it('spools summaries while the site broker is down and delivers each once after an agent restart', async () => {
    const { hostname, port } = new URL(mqttUrl);
    const forwarder = new TcpForwarder(hostname, Number(port));
    const siteUrl = await forwarder.listen();
    cleanups.push(() => forwarder.close());
    const site = runId('site');
    const config = testConfig({ broker: mqttUrl, siteBroker: siteUrl, siteId: site });
    const received = await listen(mqttUrl, [`haltung/v1/summary/${site}/+`]);
    cleanups.push(() => received.client.endAsync());

    // Agent 1: the site broker is unreachable; two devices cross a bucket boundary.
    const first = await startAgent(config);
    const boundary = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS - BUCKET_MS;
    const steps = [{ durationS: 20, flexDeg: 5 }];
    for (const device of [runId('dev'), runId('dev')]) {
      await publishFrames(received.client, device, syntheticFrames({ t0Ms: boundary - 10_000, steps }));
    }
    await waitFor(() => first.pendingSummaries === 2, 'two spooled summaries');
    const spooled = spooledIds(config.dataDir);
    expect(spooled).toHaveLength(2);
    await first.kill(); // a crash: nothing flushed, the spool stays
    expect(received.messages).toEqual([]);

    // Agent 2 on the same data dir; the site broker comes up.
    forwarder.up = true;
    const second = await startAgent(config);
    cleanups.push(() => second.kill());
    await waitFor(() => received.messages.length >= 2 && second.pendingSummaries === 0, 'delivery');
    const ids = received.messages.map((m) => {
      const d = decodeSummary(m.payload);
      return d.ok ? d.value.msgId : 'invalid';
    });
    expect(ids.sort()).toEqual([...spooled].sort());

    // The site broker goes down again while the agent runs, and comes back.
    forwarder.down();
    await publishFrames(
      received.client,
      runId('dev'),
      syntheticFrames({ t0Ms: boundary + BUCKET_MS - 10_000, steps }),
    );
    await waitFor(() => second.pendingSummaries === 1, 'a summary spooled during the outage');
    forwarder.up = true;
    await waitFor(
      () => received.messages.length >= 3 && second.pendingSummaries === 0,
      'delivery after the outage',
    );
    await new Promise((r) => setTimeout(r, 300));
    const all = received.messages.map(
      (m) => (decodeSummary(m.payload) as { value: { msgId: string } }).value.msgId,
    );
    expect(new Set(all).size).toBe(3);
    expect(all).toHaveLength(3);
  });
});
