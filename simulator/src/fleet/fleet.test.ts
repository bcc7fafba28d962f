import {
  decodeControl,
  decodeImuPayload,
  type ImuFrame,
  topicFilters,
  topics,
  type Warning,
} from '@haltung/protocol';
import mqtt from 'mqtt';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { Fleet } from './fleet.js';
import { heldOnsets } from './hazard-timeline.js';

const warning = (deviceId: string, onsetMs: number): Warning => ({
  v: 1,
  kind: 'warning',
  warningId: `w-${deviceId}`,
  tMs: onsetMs + 10_000,
  hazard: 'trunk_flexion_severe',
  severity: 'warning',
  vibration: 'firm',
  messageKey: 'warning.trunk_flexion_severe',
  params: {},
  reason: {
    measure: 'trunk_flexion',
    value: 70,
    unit: 'deg',
    heldS: 10,
    limitS: 10,
    threshold: 60,
    rule: 'lmm-kh',
  },
  onsetMs,
});

describe('fleet over the real Mosquitto', () => {
  it('publishes frames and retained zones, records warnings and sends controls', async () => {
    const url = inject('mqttUrl');
    const prefix = `fleet${process.pid}`;
    const edge = await mqtt.connectAsync(url, { clientId: `edge-${prefix}` });
    const frames = new Map<string, ImuFrame[]>();
    const zones = new Map<string, string>();
    const controls: Array<{ id: string; decoded: unknown }> = [];
    edge.on('message', (topic, payload) => {
      const [, , , id, channel] = topic.split('/');
      if (!id?.startsWith(prefix)) return;
      if (channel === 'imu') {
        const d = decodeImuPayload(new Uint8Array(payload));
        if (d.ok) frames.set(id, [...(frames.get(id) ?? []), d.value]);
      } else if (channel === 'zone') zones.set(id, payload.toString());
      else if (channel === 'control') controls.push({ id, decoded: decodeControl(new Uint8Array(payload)) });
    });
    await edge.subscribeAsync([topicFilters.allImu, topicFilters.allZone, topicFilters.allControl], {
      qos: 1,
    });

    const startMs = Date.UTC(2026, 0, 5, 7, 0, 0);
    const fleet = new Fleet({
      mqttUrl: url,
      workers: 4,
      zones: ['goods-in', 'assembly'],
      devicePrefix: prefix,
      tasks: ['rebar_tying'],
      speed: Number.POSITIVE_INFINITY,
      startMs,
      meanZoneStayS: 60,
      maxInFlight: 8,
    });
    onTestFinished(async () => {
      await fleet.stop();
      await edge.endAsync();
    });
    await fleet.start();
    const stats = await fleet.run(300);
    expect(stats.frames).toBe(4 * 600);
    expect(stats.samples).toBe(4 * 300 * 50);
    expect(stats.zoneChanges).toBeGreaterThan(0);

    const id = `${prefix}-1`;
    await expect.poll(() => frames.get(id)?.length, { timeout: 10_000 }).toBe(600);
    const got = frames.get(id) ?? [];
    expect(got.map((f) => f.seq)).toEqual(got.map((_, i) => i));
    expect(got[0]?.t0Ms).toBe(startMs);
    expect(got[599]?.t0Ms).toBe(startMs + 599 * 500);
    expect(got[0]).toMatchObject({ placement: 'trunk', sampleRateHz: 50, count: 25 });
    expect(['goods-in', 'assembly']).toContain(zones.get(id));
    expect(zones.get(id)).toBe(fleet.wearable(id).zoneId);

    // Rebar tying bends deep and long: the truth shows trunk > 60° held ≥ 10 s.
    const hazards = fleet.hazards(id);
    const onsets = heldOnsets(hazards.trunkOver60, 10_000, fleet.simulatedNowMs());
    expect(onsets.length).toBeGreaterThan(0);
    expect(onsets[0]).toBeGreaterThanOrEqual(startMs);

    // The edge warns; the wearable stamps the arrival on the simulated clock.
    await edge.publishAsync(topics.feedback(id), JSON.stringify(warning(id, onsets[0] as number)), {
      qos: 1,
    });
    await edge.publishAsync(topics.feedback(id), 'not json', { qos: 1 });
    await expect.poll(() => fleet.wearable(id).warnings.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => fleet.wearable(id).badFeedback, { timeout: 10_000 }).toBe(1);
    const received = fleet.wearable(id).warnings[0];
    expect(received?.warning.onsetMs).toBe(onsets[0]);
    expect(received?.receivedSimMs).toBe(fleet.simulatedNowMs());

    // Every wearer pressed calibrate once, after the first frame; the edge's answer is recorded.
    await expect.poll(() => controls.length, { timeout: 10_000 }).toBe(4);
    expect(controls.map((c) => c.id).sort()).toEqual([1, 2, 3, 4].map((n) => `${prefix}-${n}`));
    for (const c of controls) expect(c.decoded).toEqual({ ok: true, value: { v: 1, kind: 'calibrate' } });
    const result = {
      v: 1,
      kind: 'calibration',
      status: 'done',
      tMs: startMs + 6000,
      messageKey: 'calibration.done',
    };
    await edge.publishAsync(topics.feedback(id), JSON.stringify(result), { qos: 1 });
    await expect.poll(() => fleet.wearable(id).calibrations.length, { timeout: 10_000 }).toBe(1);
    expect(fleet.wearable(id).warnings).toHaveLength(1);

    await fleet.sendControl(id, { v: 1, kind: 'snooze', durationS: 60 });
    await expect.poll(() => controls.length, { timeout: 10_000 }).toBe(5);
    expect(controls[4]).toEqual({
      id,
      decoded: { ok: true, value: { v: 1, kind: 'snooze', durationS: 60 } },
    });
  });

  it('paces simulated time at the requested speed', async () => {
    const fleet = new Fleet({
      mqttUrl: inject('mqttUrl'),
      workers: 2,
      zones: 1,
      speed: 20,
      devicePrefix: `pace${process.pid}`,
    });
    onTestFinished(() => fleet.stop());
    await fleet.start();
    const stats = await fleet.run(20);
    expect(stats.simulatedS).toBe(20);
    // 20 s at 20× needs about 1 s of wall time; it must not finish much sooner.
    expect(stats.wallS).toBeGreaterThan(0.9);
  });

  it('refuses bad settings with a clear message', () => {
    expect(() => new Fleet({ mqttUrl: 'mqtt://x', workers: 0, zones: 1 })).toThrow(/workers 0/);
    expect(() => new Fleet({ mqttUrl: 'mqtt://x', workers: 1, zones: ['Bad Zone'] })).toThrow(/zone id/);
  });
});
