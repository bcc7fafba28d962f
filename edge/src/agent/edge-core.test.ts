import {
  type CalibrationResult,
  encodeImuFrame,
  type Summary,
  topics,
  type Warning,
} from '@haltung/protocol';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createHeuristicClassifier } from '../classify/heuristic-classifier.js';
import { createEdgeMetrics } from '../metrics/edge-metrics.js';
import { loadRules } from '../rules/load-rules.js';
import { testConfig } from '../testing/agent-harness.js';
import { type PostureStep, syntheticFrames } from '../testing/synthetic-frames.js';
import { EdgeCore } from './edge-core.js';

const BUCKET_MS = 300_000;

function core(overrides: Parameters<typeof testConfig>[0] = {}, classifier = createHeuristicClassifier()) {
  const clock = { nowMs: 0 };
  const summaries: Summary[] = [];
  const warnings: Array<{ deviceId: string; warning: Warning }> = [];
  const calibrations: Array<{ deviceId: string; result: CalibrationResult }> = [];
  const metrics = createEdgeMetrics();
  const c = new EdgeCore({
    config: testConfig({ broker: 'mqtt://127.0.0.1:1', idleTimeoutS: 5, ...overrides }),
    rules: loadRules(),
    classifier,
    metrics,
    log: pino({ level: 'silent' }),
    publishFeedback: (deviceId, message) => {
      if (message.kind === 'warning') warnings.push({ deviceId, warning: message });
      else calibrations.push({ deviceId, result: message });
    },
    publishSummary: (s) => summaries.push(s),
    now: () => clock.nowMs,
  });
  const send = (deviceId: string, t0Ms: number, durationS: number, flexDeg = 3, firstSeq = 0) => {
    // Upright for the first 4 s (the wearer's reference), then the posture.
    const steps = [
      { durationS: Math.min(4, durationS), flexDeg: 3 },
      { durationS: Math.max(0, durationS - 4), flexDeg },
    ];
    for (const f of syntheticFrames({ t0Ms, firstSeq, steps })) {
      clock.nowMs = Math.max(clock.nowMs, f.t0Ms + 500);
      c.handleMessage(topics.imu(deviceId), encodeImuFrame(f));
    }
  };
  /** Frames of a posture program, the clock following them. */
  const sendSteps = (deviceId: string, t0Ms: number, firstSeq: number, steps: PostureStep[]) => {
    for (const f of syntheticFrames({ t0Ms, firstSeq, steps })) {
      clock.nowMs = Math.max(clock.nowMs, f.t0Ms + 500);
      c.handleMessage(topics.imu(deviceId), encodeImuFrame(f));
    }
  };
  return { core: c, clock, summaries, warnings, calibrations, metrics, send, sendSteps };
}

describe('EdgeCore', () => {
  it('evicts an idle device but keeps its bucket open: coming back in the bucket still gives one summary', () => {
    const { core: c, clock, summaries, metrics, send } = core();
    const B = 1_700_000_000_000 - (1_700_000_000_000 % BUCKET_MS);
    send('dev-a', B + 10_000, 20);
    clock.nowMs += 6000;
    c.tick();
    expect(metrics.evicted.total()).toBe(1);
    expect(c.registry.devices.get('dev-a')?.hibernated).toBe(true);
    expect(summaries).toEqual([]);
    send('dev-a', B + 60_000, 20, 3, 100); // back, same bucket
    clock.nowMs = B + BUCKET_MS + 60_000; // long silent, the bucket is over
    c.tick();
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.observedSeconds).toBeCloseTo(40, 0);
    expect(c.registry.size).toBe(0); // nothing left open: forgotten entirely
  });

  it('keeps each device’s state apart: a bad device’s drops do not change a good device’s warnings', () => {
    const alone = core();
    alone.send('good', 1_700_000_000_000, 9, 90);
    const mixed = core();
    mixed.send('bad', 1_700_000_000_000, 3, 90);
    mixed.core.handleMessage(topics.imu('bad'), new Uint8Array(64).fill(7));
    mixed.send('bad', 1_699_999_000_000, 1, 90, 99); // backwards
    mixed.send('good', 1_700_000_000_000, 9, 90);
    const pick = (ws: Array<{ deviceId: string; warning: Warning }>) =>
      ws
        .filter((w) => w.deviceId === 'good')
        .map((w) => [w.warning.hazard, w.warning.tMs, w.warning.onsetMs]);
    expect(pick(mixed.warnings)).toEqual(pick(alone.warnings));
    expect(pick(alone.warnings)).toHaveLength(1);
    expect(mixed.metrics.drops.get({ reason: 'bad_magic' })).toBe(1);
    expect(mixed.metrics.drops.get({ reason: 'time_backwards' })).toBeGreaterThan(0);
  });

  it('ignores an acknowledgement of an unknown warning and counts a device’s zone from its retained topic', () => {
    const { core: c, summaries, metrics, send } = core({ defaultZone: 'yard' });
    c.handleMessage(topics.zone('dev-z'), new TextEncoder().encode('dock-2\n'));
    c.handleMessage(topics.zone('dev-y'), new TextEncoder().encode('Not A Zone'));
    send('dev-z', 1_700_000_000_000, 5);
    send('dev-y', 1_700_000_000_000, 5);
    c.handleMessage(
      topics.control('dev-z'),
      new TextEncoder().encode('{"v":1,"kind":"ack","warningId":"nope"}'),
    );
    expect(metrics.acks.total()).toBe(0);
    expect(metrics.drops.get({ reason: 'bad_zone' })).toBe(1);
    c.flushAll();
    expect(summaries.map((s) => s.zoneId).sort()).toEqual(['dock-2', 'yard']);
  });

  it('classifies every window even when a replay sends data faster than the ticks come', () => {
    const { core: c, summaries, send } = core();
    const B = 1_700_000_000_000 - (1_700_000_000_000 % BUCKET_MS);
    send('fast', B + 1000, 240); // four minutes of data without a single tick
    c.flushAll();
    const [s] = summaries;
    const classified = Object.values(s?.postureSeconds ?? {}).reduce((a, b) => a + (b ?? 0), 0);
    expect(s?.observedSeconds).toBeCloseTo(240, 0);
    expect(classified).toBeGreaterThan(239);
    expect(c.registry.devices.get('fast')?.droppedWindows).toBe(0);
  });

  it('counts an internal failure as a drop and keeps serving every device', () => {
    // A model that fails on one call (e.g. a corrupt artifact), then works again.
    const heuristic = createHeuristicClassifier();
    let broken = true;
    const flaky = {
      ...heuristic,
      classify: (f: readonly Float32Array[]) => {
        if (broken && f.length > 0) {
          broken = false;
          throw new Error('model failed');
        }
        return heuristic.classify(f);
      },
    };
    const { metrics, warnings, send } = core({}, flaky);
    send('dev-1', 1_700_000_000_000, 20);
    expect(metrics.drops.get({ reason: 'internal_error' })).toBe(1);
    send('dev-2', 1_700_000_000_000, 9, 90);
    expect(warnings.filter((w) => w.deviceId === 'dev-2')).toHaveLength(1);
  });

  it('batches every device’s windows into one classifier call per tick', () => {
    const { core: c, metrics, send } = core();
    for (let d = 0; d < 5; d++) send(`dev-${d}`, 1_700_000_000_000, 4);
    c.tick();
    expect(metrics.inference.count).toBe(1);
    expect(metrics.windows.total()).toBeGreaterThan(5 * 5);
  });

  it('calibration: a worker who habitually leans 10° is warned of a true 65° stoop only once calibrated', () => {
    const HABIT = 10;
    const stoop = (calibrate: boolean) => {
      const h = core();
      const t0 = 1_700_000_000_000;
      const frames = (t0Ms: number, firstSeq: number, steps: PostureStep[]) =>
        h.sendSteps('dev-c', t0Ms, firstSeq, steps);
      // Puts the wearable on, standing as usual (the provisional reference is this stance).
      frames(t0, 0, [{ durationS: 4, flexDeg: HABIT }]);
      if (calibrate)
        h.core.handleMessage(topics.control('dev-c'), new TextEncoder().encode('{"v":1,"kind":"calibrate"}'));
      // Stands up straight (as the wearable asks), back to the habitual stance, then stoops 15 s.
      frames(t0 + 4000, 8, [
        { durationS: 5, flexDeg: 0 },
        { durationS: 3, flexDeg: HABIT },
        { durationS: 15, flexDeg: 65 },
      ]);
      h.core.tick();
      return h;
    };
    const plain = stoop(false);
    expect(plain.calibrations).toEqual([]);
    expect(plain.warnings.filter((w) => w.warning.hazard === 'trunk_flexion_severe')).toEqual([]);

    const calibrated = stoop(true);
    expect(calibrated.calibrations.map((c) => [c.deviceId, c.result.status, c.result.messageKey])).toEqual([
      ['dev-c', 'done', 'calibration.done'],
    ]);
    expect(calibrated.metrics.calibrations.get({ result: 'done' })).toBe(1);
    const severe = calibrated.warnings.filter((w) => w.warning.hazard === 'trunk_flexion_severe');
    expect(severe).toHaveLength(1);
    expect(severe[0]?.warning.reason.value).toBeGreaterThan(62);
  });

  it('a calibration request without a still stance in time is answered with failed', () => {
    const { core: c, calibrations, send, metrics } = core();
    send('dev-f', 1_700_000_000_000, 2);
    c.handleMessage(topics.control('dev-f'), new TextEncoder().encode('{"v":1,"kind":"calibrate"}'));
    // Keeps bending up and down for 20 s: never still long enough.
    const steps = Array.from({ length: 20 }, (_, i) => ({ durationS: 1, flexDeg: i % 2 === 0 ? 40 : 5 }));
    for (const f of syntheticFrames({ t0Ms: 1_700_000_002_000, firstSeq: 4, steps, rampS: 0.9 })) {
      c.handleMessage(topics.imu('dev-f'), encodeImuFrame(f));
    }
    expect(calibrations.map((x) => x.result.status)).toEqual(['failed']);
    expect(metrics.calibrations.get({ result: 'failed' })).toBe(1);
  });

  it('a calibration request from a device that sent no frames is a counted drop', () => {
    const { core: c, calibrations, metrics } = core();
    c.handleMessage(topics.control('ghost'), new TextEncoder().encode('{"v":1,"kind":"calibrate"}'));
    expect(calibrations).toEqual([]);
    expect(metrics.drops.get({ reason: 'bad_control' })).toBe(1);
  });

  it('a restart in the middle of a bucket still gives one summary per device, with both runs’ seconds', () => {
    const B = 1_700_000_000_000 - (1_700_000_000_000 % BUCKET_MS);
    const before = core();
    before.send('dev-r', B + 10_000, 100);
    const held = before.core.hold();
    expect(before.summaries).toEqual([]);
    expect(held.map((h) => [h.deviceId, h.buckets.length])).toEqual([['dev-r', 1]]);

    // The held state goes through JSON, as it does through the file.
    const after = core();
    after.clock.nowMs = before.clock.nowMs + 5000;
    expect(after.core.resume(JSON.parse(JSON.stringify(held)))).toEqual({ devices: 1, refusedBuckets: 0 });
    after.send('dev-r', B + 120_000, 100, 3, 500);
    after.core.flushAll();
    expect(after.summaries).toHaveLength(1);
    expect(after.summaries[0]?.observedSeconds).toBeCloseTo(200, 0);
  });

  it('a held device that does not come back is published when its bucket ends, by the wall clock', () => {
    const B = 1_700_000_000_000 - (1_700_000_000_000 % BUCKET_MS);
    const before = core();
    before.send('gone', B + 10_000, 60);
    const held = before.core.hold();
    const after = core();
    after.core.resume(held);
    after.clock.nowMs = before.clock.nowMs + 10_000;
    after.core.tick();
    expect(after.summaries).toEqual([]);
    after.clock.nowMs = before.clock.nowMs + BUCKET_MS;
    after.core.tick();
    expect(after.summaries.map((s) => Math.round(s.observedSeconds))).toEqual([60]);
    expect(after.core.registry.size).toBe(0);
  });

  it('hold publishes the buckets that are already over and keeps only the open one', () => {
    const B = 1_700_000_000_000 - (1_700_000_000_000 % BUCKET_MS);
    const h = core();
    h.send('dev-x', B + BUCKET_MS - 30_000, 60); // 30 s in one bucket, 30 s in the next
    const held = h.core.hold();
    expect(h.summaries).toHaveLength(1);
    expect(h.summaries[0]?.observedSeconds).toBeCloseTo(30, 0);
    expect(held[0]?.buckets.map((b) => b.bucketStartMs)).toEqual([B + BUCKET_MS]);
    expect(held[0]?.closedBeforeMs).toBe(B + BUCKET_MS);
  });

  it('a calibration outlasts the device being away and an agent restart: the stoop is still measured against true upright', () => {
    const t0 = 1_700_000_000_000;
    const frames = (h: ReturnType<typeof core>, t0Ms: number, firstSeq: number, steps: PostureStep[]) =>
      h.sendSteps('dev-k', t0Ms, firstSeq, steps);
    const first = core();
    frames(first, t0, 0, [{ durationS: 4, flexDeg: 10 }]);
    first.core.handleMessage(topics.control('dev-k'), new TextEncoder().encode('{"v":1,"kind":"calibrate"}'));
    frames(first, t0 + 4000, 8, [
      { durationS: 5, flexDeg: 0 },
      { durationS: 3, flexDeg: 10 },
    ]);
    expect(first.calibrations.map((c) => c.result.status)).toEqual(['done']);
    // Out of range for a while: evicted (streams dropped), then back and stooping 65° for 15 s.
    first.clock.nowMs += 10_000;
    first.core.tick();
    expect(first.core.registry.devices.get('dev-k')?.hibernated).toBe(true);
    frames(first, t0 + 30_000, 100, [
      { durationS: 3, flexDeg: 10 },
      { durationS: 15, flexDeg: 65 },
    ]);
    first.core.tick();
    expect(first.warnings.filter((w) => w.warning.hazard === 'trunk_flexion_severe')).toHaveLength(1);

    // The agent restarts: the kept calibration travels with the held buckets.
    const held = JSON.parse(JSON.stringify(first.core.hold()));
    const second = core();
    second.clock.nowMs = first.clock.nowMs + 2000;
    second.core.resume(held);
    frames(second, t0 + 60_000, 200, [
      { durationS: 3, flexDeg: 10 },
      { durationS: 15, flexDeg: 65 },
    ]);
    second.core.tick();
    expect(second.calibrations).toEqual([]);
    expect(second.warnings.filter((w) => w.warning.hazard === 'trunk_flexion_severe')).toHaveLength(1);
  });
});
