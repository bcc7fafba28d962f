import { performance } from 'node:perf_hooks';
import { MAX_GAP_MS } from '@haltung/kinematics';
import {
  decodeControl,
  decodeImuPayload,
  type Feedback,
  isTopicId,
  parseTopic,
  type Summary,
} from '@haltung/protocol';
import type { Logger } from 'pino';
import type { PostureClassifier } from '../classify/posture-classifier.js';
import type { EdgeConfig } from '../config/config-schema.js';
import type { DevicePipeline } from '../device/device-pipeline.js';
import { buildWarning } from '../feedback/build-warning.js';
import { type DropReason, decodeDropReason } from '../ingest/drop-reasons.js';
import type { EdgeMetrics } from '../metrics/edge-metrics.js';
import type { RuleHit } from '../rules/rule-hit.js';
import type { RuleSet } from '../rules/rule-schema.js';
import { buildSummary } from '../summary/build-summary.js';
import type { HeldDevice } from '../summary/held-buckets.js';
import { addPosture } from '../summary/summary-counts.js';
import { DeviceRegistry } from './device-registry.js';
import { RateLimitedLog } from './rate-limited-log.js';

export interface EdgeCoreOptions {
  config: EdgeConfig;
  rules: RuleSet;
  classifier: PostureClassifier;
  metrics: EdgeMetrics;
  log: Logger;
  /** Sends a warning or a calibration result to the device's own feedback topic. */
  publishFeedback: (deviceId: string, message: Feedback) => void;
  /** Hands an anonymous summary to the site publisher (spool first). */
  publishSummary: (summary: Summary) => void;
  now?: () => number;
}

/** Windows classified per device and tick at most; more wait for the next tick. */
const MAX_PENDING_WINDOWS = 64;

/**
 * The agent without its network: routes device-topic messages to per-device pipelines, turns rule
 * hits into warnings, batches classification once per tick and closes buckets into summaries.
 * The MQTT wiring (edge-agent.ts) and the benchmark both drive it.
 */
export class EdgeCore {
  readonly registry: DeviceRegistry;
  private readonly o: EdgeCoreOptions;
  private readonly rateLog: RateLimitedLog;
  private readonly vibration = new Map<string, 'gentle' | 'firm'>();
  private readonly now: () => number;

  constructor(options: EdgeCoreOptions) {
    this.o = options;
    const { config } = options;
    this.now = options.now ?? Date.now;
    this.rateLog = new RateLimitedLog(options.log);
    for (const rule of options.rules.rules) this.vibration.set(rule.id, rule.vibration);
    this.registry = new DeviceRegistry(
      {
        rules: options.rules,
        bucketSeconds: config.bucketSeconds,
        guard: {
          maxGapMs: MAX_GAP_MS,
          restartAfterBackwards: config.restartAfterBackwards,
          maxClockSkewMs: config.maxClockSkewS * 1000,
        },
        maxSamplesPerS: config.maxSamplesPerS,
        burstS: config.burstS,
        maxPendingWindows: MAX_PENDING_WINDOWS,
        window: options.classifier.window,
      },
      config.maxDevices,
      config.defaultZone,
    );
  }

  /** Handles one message from the local broker; never throws on bad input. */
  handleMessage(topic: string, payload: Uint8Array): void {
    try {
      this.route(topic, payload);
    } catch (error) {
      // A bug must not take the other devices down: that device's streams start afresh (its open
      // buckets are kept), everyone else carries on.
      const parsed = parseTopic(topic);
      if (parsed?.kind === 'device') this.registry.devices.get(parsed.deviceId)?.hibernate();
      this.drop('internal_error', { error: (error as Error).message });
    }
  }

  private route(topic: string, payload: Uint8Array): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'device') {
      this.drop('bad_topic', { topic: topic.slice(0, 128) });
      return;
    }
    if (parsed.channel === 'imu') this.handleFrame(parsed.deviceId, payload);
    else if (parsed.channel === 'control') this.handleControl(parsed.deviceId, payload);
    else if (parsed.channel === 'zone') this.handleZone(parsed.deviceId, payload);
  }

  /** Classifies every device's ready windows in one batch, then evicts idle devices. */
  tick(): void {
    this.classify([...this.registry.devices.values()]);
    this.evictIdle();
  }

  /**
   * A planned stop that a restart follows: classifies what is pending, publishes the buckets that
   * are over, and returns every device's still-open buckets to hold on disk (see held-buckets.ts).
   */
  hold(): HeldDevice[] {
    const devices = [...this.registry.devices.entries()];
    this.classify(devices.map(([, d]) => d));
    const held: HeldDevice[] = [];
    for (const [id, device] of devices) {
      this.publish(device.closeDue());
      const h = device.held(id);
      if (h.buckets.some((b) => b.counts.observedSeconds > 0) || (h.calibrations ?? []).length > 0)
        held.push(h);
    }
    return held;
  }

  /**
   * Takes back the buckets a previous run held. A device that comes back within its bucket adds to
   * it (one summary); one that does not is closed when its bucket ends, as after an idle eviction.
   */
  resume(held: readonly HeldDevice[]): { devices: number; refusedBuckets: number } {
    let devices = 0;
    let refusedBuckets = 0;
    for (const h of held) {
      if (this.registry.devices.has(h.deviceId)) continue;
      const device = this.registry.getOrCreate(h.deviceId);
      if (!device) break;
      refusedBuckets += device.restoreHeld(h);
      devices++;
    }
    return { devices, refusedBuckets };
  }

  /** Closes every open bucket of every device into summaries (shutdown). */
  flushAll(): void {
    const devices = [...this.registry.devices.values()];
    this.classify(devices);
    for (const device of devices) this.publish(device.closeAll());
  }

  private handleFrame(deviceId: string, payload: Uint8Array): void {
    const started = performance.now();
    const decoded = decodeImuPayload(payload);
    if (!decoded.ok) {
      this.drop(decodeDropReason(decoded.error.code), { error: decoded.error.message });
      return;
    }
    const device = this.registry.getOrCreate(deviceId);
    if (!device) {
      this.drop('too_many_devices', { devices: this.registry.size });
      return;
    }
    const nowMs = this.now();
    const result = device.ingest(decoded.value, nowMs);
    if (!result.ok) {
      this.drop(result.reason, {});
      return;
    }
    const m = this.o.metrics;
    m.frames.inc();
    m.samples.inc({}, decoded.value.count);
    if (result.gap) m.gaps.inc();
    if (result.lostFrames > 0) m.lostFrames.inc({}, result.lostFrames);
    for (const hit of result.hits) this.warn(deviceId, device, hit);
    if (result.calibration === 'done' || result.calibration === 'failed') {
      const status = result.calibration;
      m.calibrations.inc({ result: status });
      this.o.publishFeedback(deviceId, {
        v: 1,
        kind: 'calibration',
        status,
        tMs: device.latestTMs,
        messageKey: `calibration.${status}`,
      });
    }
    // Classify now rather than drop windows when a device sends faster than ticks come (a replay),
    // and before a bucket closes so its windows still count in it.
    if (device.hasDue() || device.pending.length >= MAX_PENDING_WINDOWS / 2) this.classify([device]);
    if (device.hasDue()) this.publish(device.closeDue());
    const frame = decoded.value;
    const lastSampleMs = frame.t0Ms + ((frame.count - 1) * 1000) / frame.sampleRateHz;
    m.lag.observe(Math.max(0, nowMs - lastSampleMs) / 1000);
    m.processing.observe((performance.now() - started) / 1000);
  }

  private warn(deviceId: string, device: DevicePipeline, hit: RuleHit): void {
    if (device.feedback.isSnoozed(hit.hazard, hit.tMs)) {
      this.o.metrics.snoozed.inc({ hazard: hit.hazard });
      return;
    }
    const warning = buildWarning(hit, this.vibration.get(hit.ruleId) ?? 'gentle');
    device.feedback.remember(warning.warningId, hit.ruleId, hit.onsetMs);
    this.o.publishFeedback(deviceId, warning);
    this.o.metrics.warnings.inc({ hazard: hit.hazard, severity: hit.severity });
  }

  private handleControl(deviceId: string, payload: Uint8Array): void {
    const decoded = decodeControl(payload);
    if (!decoded.ok) {
      this.drop('bad_control', { error: decoded.error.message });
      return;
    }
    const device = this.registry.devices.get(deviceId);
    if (!device || Number.isNaN(device.latestTMs)) {
      this.drop('bad_control', { error: 'unknown device' });
      return;
    }
    const applied = device.feedback.apply(decoded.value, device.latestTMs);
    const counts = device.countsAt(device.latestTMs);
    if (applied?.kind === 'ack') {
      device.acknowledge(applied.ruleId, applied.onsetMs);
      if (counts) counts.acks += 1;
      this.o.metrics.acks.inc();
    } else if (applied?.kind === 'calibrate') {
      // Taken from the next frames; a device without a sensor stream yet has nothing to calibrate.
      if (!device.requestCalibration()) this.drop('bad_control', { error: 'no sensor stream to calibrate' });
    } else if (applied?.kind === 'snooze') {
      if (counts) counts.snoozes += 1;
      this.o.metrics.snoozes.inc();
    }
  }

  private handleZone(deviceId: string, payload: Uint8Array): void {
    const text = Buffer.from(payload).toString('utf8').trim();
    if (text === '') {
      this.registry.setZone(deviceId, null);
      return;
    }
    if (!isTopicId(text)) {
      this.drop('bad_zone', { error: 'zone id must match [a-z0-9_-]{1,64}' });
      return;
    }
    this.registry.setZone(deviceId, text);
  }

  private classify(devices: DevicePipeline[]): void {
    const owners: DevicePipeline[] = [];
    const windows = devices.flatMap((d) => {
      const taken = d.pending.splice(0);
      for (let i = 0; i < taken.length; i++) owners.push(d);
      return taken;
    });
    if (windows.length === 0) return;
    const started = performance.now();
    const classes = this.o.classifier.classify(windows.map((w) => w.features));
    this.o.metrics.inference.observe((performance.now() - started) / 1000);
    this.o.metrics.batch.observe(windows.length);
    this.o.metrics.windows.inc({}, windows.length);
    for (const [i, w] of windows.entries()) {
      const counts = (owners[i] as DevicePipeline).countsAt(w.tMs);
      if (counts && classes[i]) addPosture(counts, classes[i], w.hopS);
    }
  }

  private evictIdle(): void {
    const nowMs = this.now();
    const idleMs = this.o.config.idleTimeoutS * 1000;
    for (const [id, device] of this.registry.devices) {
      const m = this.o.metrics;
      if (device.droppedWindows > 0) {
        m.windowsDropped.inc({}, device.droppedWindows);
        device.droppedWindows = 0;
      }
      const silentMs = nowMs - device.lastSeenMs;
      if (silentMs < idleMs) continue;
      if (!device.hibernated) {
        device.hibernate();
        m.evicted.inc();
      }
      // The device's clock, estimated: it ran on while the device was silent.
      this.publish(device.closeDue(device.latestTMs + silentMs));
      if (device.ledger.openCount === 0) this.registry.remove(id);
    }
  }

  private publish(buckets: ReturnType<DevicePipeline['closeAll']>): void {
    for (const bucket of buckets) {
      if (bucket.counts.observedSeconds <= 0) continue;
      this.o.publishSummary(buildSummary(bucket, this.o.config.siteId, this.o.classifier.modelVersion));
    }
  }

  private drop(reason: DropReason, details: Record<string, unknown>): void {
    this.o.metrics.drops.inc({ reason });
    this.rateLog.warn(reason, { reason, ...details }, 'dropped a message');
  }
}
