import {
  decodeSummary,
  decodeWarning,
  encodeImuFrame,
  type Summary,
  topics,
  type Warning,
} from '@haltung/protocol';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { listen, publishFrames, runId, startAgent, testConfig, waitFor } from '../testing/agent-harness.js';
import { syntheticFrames } from '../testing/synthetic-frames.js';
import type { EdgeAgent } from './edge-agent.js';

const mqttUrl = inject('mqttUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(overrides: Parameters<typeof testConfig>[0] = {}) {
  const site = runId('site');
  const agent = await startAgent(testConfig({ broker: mqttUrl, siteId: site, ...overrides }));
  cleanups.push(() => agent.kill());
  const bus = await listen(mqttUrl, ['haltung/v1/device/+/feedback', `haltung/v1/summary/${site}/+`]);
  cleanups.push(() => bus.client.endAsync());
  return { site, agent, bus };
}

const warningsOf = (messages: { topic: string; payload: Buffer }[], deviceId: string): Warning[] =>
  messages
    .filter((m) => m.topic === topics.feedback(deviceId))
    .map((m) => {
      const d = decodeWarning(m.payload);
      if (!d.ok) throw new Error(d.error.message);
      return d.value;
    });

const summariesOf = (messages: { topic: string; payload: Buffer }[]): Summary[] =>
  messages
    .filter((m) => m.topic.startsWith('haltung/v1/summary/'))
    .map((m) => {
      const d = decodeSummary(m.payload);
      if (!d.ok) throw new Error(d.error.message);
      return d.value;
    });

const frameCount = (agent: EdgeAgent) => agent.metrics.frames.total();

describe('edge agent against the real Mosquitto', () => {
  it('warns a sustained deep bend at once on the device’s own feedback topic, then escalates', async () => {
    const { agent, bus } = await setup();
    const device = runId('dev');
    const t0 = Date.now() - 60_000;
    const frames = syntheticFrames({
      t0Ms: t0,
      steps: [
        { durationS: 5, flexDeg: 0 },
        { durationS: 15, flexDeg: 90 },
        { durationS: 3, flexDeg: 0 },
      ],
    });
    await publishFrames(bus.client, device, frames);
    const warnings = await waitFor(() => {
      const w = warningsOf(bus.messages, device);
      return w.length >= 2 ? w : null;
    }, 'two warnings');
    const [first, second] = warnings as [Warning, Warning];
    expect(first).toMatchObject({
      hazard: 'trunk_flexion_severe',
      severity: 'warning',
      vibration: 'firm',
      messageKey: 'warning.trunk_flexion_severe',
      reason: { measure: 'trunk_flexion', rule: 'trunk-severe', threshold: 85, unit: 'deg' },
    });
    expect(first.params.angle).toBeGreaterThan(85);
    // The bend starts at 5 s and reaches 85° within its 0.5 s ramp: onset and warning are prompt.
    expect(first.onsetMs - t0).toBeGreaterThanOrEqual(5000);
    expect(first.onsetMs - t0).toBeLessThanOrEqual(6000);
    expect(first.tMs - first.onsetMs).toBeLessThanOrEqual(1000);
    expect(second).toMatchObject({ severity: 'high', vibration: 'escalate', hazard: 'trunk_flexion_severe' });
    await waitFor(() => frameCount(agent) === frames.length, 'every frame processed');
    expect(warningsOf(bus.messages, device)).toHaveLength(2);
  });

  it('sends nothing to a worker standing upright and swaying for two minutes', async () => {
    const { agent, bus } = await setup();
    const device = runId('dev');
    const steps = Array.from({ length: 60 }, (_, i) => ({
      durationS: 2,
      flexDeg: i % 2 ? 4 : -3,
      sideDeg: i % 3,
    }));
    const frames = syntheticFrames({ t0Ms: Date.now() - 200_000, steps, rampS: 1.5 });
    await publishFrames(bus.client, device, frames);
    await waitFor(() => frameCount(agent) === frames.length, 'all frames processed');
    await new Promise((r) => setTimeout(r, 200));
    expect(warningsOf(bus.messages, device)).toEqual([]);
    expect(agent.metrics.warnings.total()).toBe(0);
  });

  it('honours an acknowledgement (no escalation) and a snooze (no warning), and counts both', async () => {
    const { agent, bus, site } = await setup();
    const device = runId('dev');
    const bucketMs = 300_000;
    const t0 = Math.floor(Date.now() / bucketMs) * bucketMs - bucketMs; // the previous bucket's start
    const bend = (start: number, seq: number) =>
      syntheticFrames({
        t0Ms: start,
        firstSeq: seq,
        steps: [
          { durationS: 4, flexDeg: 0 },
          { durationS: 14, flexDeg: 90 },
          { durationS: 4, flexDeg: 0 },
        ],
      });
    const first = bend(t0, 0);
    await publishFrames(bus.client, device, first.slice(0, 12));
    const [warning] = await waitFor(() => {
      const w = warningsOf(bus.messages, device);
      return w.length > 0 ? w : null;
    }, 'the first warning');
    await bus.client.publishAsync(
      topics.control(device),
      JSON.stringify({ v: 1, kind: 'ack', warningId: warning?.warningId }),
      { qos: 1 },
    );
    await waitFor(() => agent.metrics.acks.total() === 1, 'the ack');
    await publishFrames(bus.client, device, first.slice(12));
    await waitFor(() => frameCount(agent) === first.length, 'the rest of the bend');
    expect(warningsOf(bus.messages, device).map((w) => w.severity)).toEqual(['warning']);

    await bus.client.publishAsync(
      topics.control(device),
      JSON.stringify({ v: 1, kind: 'snooze', durationS: 600 }),
      { qos: 1 },
    );
    await waitFor(() => agent.metrics.snoozes.total() === 1, 'the snooze');
    const second = bend(t0 + 60_000, first.length);
    await publishFrames(bus.client, device, second);
    await waitFor(() => frameCount(agent) === first.length + second.length, 'the second bend');
    expect(agent.metrics.snoozed.total()).toBeGreaterThan(0);
    expect(warningsOf(bus.messages, device)).toHaveLength(1);

    await agent.stop();
    const [summary] = await waitFor(() => {
      const s = summariesOf(bus.messages);
      return s.length > 0 ? s : null;
    }, 'the summary');
    expect(summary).toMatchObject({ siteId: site, acks: 1, snoozes: 1 });
    // Snoozed hazards still count: the safety picture does not depend on the snooze button.
    expect(summary?.hazards.trunk_flexion_severe?.warning).toBe(2);
  });

  it('publishes one anonymous summary per (zone, bucket) at bucket end, with no identifier', async () => {
    const { agent, bus, site } = await setup({ defaultZone: 'yard' });
    const zoned = runId('dev');
    const unzoned = runId('dev');
    await bus.client.publishAsync(topics.zone(zoned), 'goods-in', { qos: 1, retain: true });
    cleanups.push(() => bus.client.publishAsync(topics.zone(zoned), '', { qos: 1, retain: true }));
    const bucketMs = 300_000;
    const boundary = Math.floor(Date.now() / bucketMs) * bucketMs;
    const steps = [
      { durationS: 6, flexDeg: 0 },
      { durationS: 6, flexDeg: 40 },
      { durationS: 8, flexDeg: 0 },
    ];
    // 10 s before the bucket boundary to 10 s after it.
    for (const device of [zoned, unzoned]) {
      await waitFor(() => device !== zoned || agent.core.registry.zoneOf(zoned) === 'goods-in', 'the zone');
      await publishFrames(bus.client, device, syntheticFrames({ t0Ms: boundary - 10_000, steps }));
    }
    const closed = await waitFor(() => {
      const s = summariesOf(bus.messages);
      return s.length >= 2 ? s : null;
    }, 'summaries of the closed bucket');
    expect(closed.map((s) => s.zoneId).sort()).toEqual(['goods-in', 'yard']);
    for (const s of closed) {
      expect(s).toMatchObject({ siteId: site, bucketStartMs: boundary - bucketMs, bucketSeconds: 300 });
      expect(s.observedSeconds).toBeCloseTo(10, 0);
      expect(s.exposureSeconds.trunk_20_45).toBeGreaterThan(3);
      expect(s.modelVersion).toMatch(/^\d+\.\d+\.\d+/); // the shipped model's
      const classified = Object.values(s.postureSeconds).reduce((a, b) => a + (b ?? 0), 0);
      expect(classified).toBeGreaterThan(5);
    }
    await agent.stop();
    const all = await waitFor(() => {
      const s = summariesOf(bus.messages);
      return s.length >= 4 ? s : null;
    }, 'the open buckets flushed on stop');
    expect(new Set(all.map((s) => s.msgId)).size).toBe(4);
    expect(all.filter((s) => s.bucketStartMs === boundary)).toHaveLength(2);
    for (const m of bus.messages.filter((x) => x.topic.startsWith('haltung/v1/summary/'))) {
      const text = m.payload.toString();
      expect(text).not.toContain(zoned);
      expect(text).not.toContain(unzoned);
      expect(m.topic).not.toContain('dev-');
    }
  });

  it('counts and drops bad frames by reason without disturbing a good device', async () => {
    const { agent, bus } = await setup({ maxSamplesPerS: 100, burstS: 5, maxDevices: 4 });
    const good = runId('good');
    const bad = runId('bad');
    const t0 = Date.now() - 30_000;
    const goodFrames = syntheticFrames({
      t0Ms: t0,
      steps: [
        { durationS: 4, flexDeg: 0 },
        { durationS: 3, flexDeg: 90 },
      ],
    });
    const badFrames = syntheticFrames({ t0Ms: t0, steps: [{ durationS: 3, flexDeg: 0 }] });
    const wrongVersion = encodeImuFrame(badFrames[0] as (typeof badFrames)[number]);
    wrongVersion[2] = 9;
    const pub = (device: string, payload: Uint8Array | string) =>
      bus.client.publishAsync(topics.imu(device), Buffer.from(payload), { qos: 1 });
    await pub(bad, 'garbage that is not a frame, not even close to one');
    await pub(bad, wrongVersion);
    await pub(bad, '{"v":1,"placement":"trunk"}');
    await publishFrames(bus.client, bad, badFrames.slice(0, 4));
    await publishFrames(bus.client, bad, badFrames.slice(1, 2)); // time going backwards
    await publishFrames(bus.client, bad, badFrames.slice(3, 4)); // a duplicate
    // A flood: 40 s of data at once is beyond 100 samples/s with 5 s of burst.
    await publishFrames(
      bus.client,
      bad,
      syntheticFrames({ t0Ms: t0 + 3000, firstSeq: 10, steps: [{ durationS: 40, flexDeg: 0 }] }),
    );
    await publishFrames(bus.client, good, goodFrames);
    for (let i = 0; i < 4; i++) await publishFrames(bus.client, runId('many'), badFrames.slice(0, 1));
    await bus.client.publishAsync('haltung/v1/device/Not_A_Valid_Id/imu', Buffer.from(wrongVersion), {
      qos: 1,
    });

    await waitFor(() => warningsOf(bus.messages, good).length === 1, 'the good device’s warning');
    const drops = agent.metrics.drops;
    await waitFor(() => drops.get({ reason: 'bad_topic' }) >= 1, 'the last message');
    expect(drops.get({ reason: 'bad_magic' })).toBe(1);
    expect(drops.get({ reason: 'unsupported_version' })).toBe(1);
    expect(drops.get({ reason: 'schema' })).toBe(1);
    expect(drops.get({ reason: 'time_backwards' })).toBe(1);
    expect(drops.get({ reason: 'duplicate' })).toBe(1);
    expect(drops.get({ reason: 'rate_limited' })).toBeGreaterThan(40);
    expect(drops.get({ reason: 'bad_topic' })).toBe(1);
    expect(warningsOf(bus.messages, bad)).toEqual([]);
    expect(warningsOf(bus.messages, good)[0]).toMatchObject({ hazard: 'trunk_flexion_severe' });
  });

  it('serves its metrics on 127.0.0.1 only', async () => {
    const { agent } = await setup({ metricsPort: 0 });
    const url = agent.metricsUrl as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await (await fetch(url)).text();
    expect(text).toContain('# TYPE haltung_edge_frames_total counter');
    expect(text).toContain('haltung_edge_inference_seconds_bucket');
    expect((await fetch(url.replace('/metrics', '/other'))).status).toBe(404);
  });
});
