import {
  CANONICAL_PERIOD_MS,
  type CalibrationState,
  extractFeatures,
  type PostureSample as KinematicsSample,
} from '@haltung/kinematics';
import type { ExposureZone, ImuFrame, Placement } from '@haltung/protocol';
import type { FrameGuardOptions } from '../ingest/frame-guard.js';
import { TokenBucket } from '../ingest/token-bucket.js';
import { emptySample, type PostureSample } from '../rules/posture-sample.js';
import { RuleEngine } from '../rules/rule-engine.js';
import type { RuleHit } from '../rules/rule-hit.js';
import type { RuleSet } from '../rules/rule-schema.js';
import { BucketLedger, type ClosedBucket } from '../summary/bucket-ledger.js';
import { exposureZones } from '../summary/exposure-zones.js';
import type { HeldDevice, KeptCalibration } from '../summary/held-buckets.js';
import { addExposure, addHazard, type SummaryCounts } from '../summary/summary-counts.js';
import { DeviceFeedback } from './device-feedback.js';
import type { ReadyWindow } from './ready-window.js';
import { PLACEMENT_PRIORITY, SensorStream } from './sensor-stream.js';

export interface DeviceOptions {
  rules: RuleSet;
  bucketSeconds: number;
  guard: FrameGuardOptions;
  /** Samples per second a device may send (wall clock), and seconds of burst above it. */
  maxSamplesPerS: number;
  burstS: number;
  /** Feature windows waiting for the classifier, per device; older ones are dropped beyond it. */
  maxPendingWindows: number;
  /** Window length and hop of the classifier, canonical samples. */
  window: { lengthSamples: number; hopSamples: number };
}

export type IngestResult =
  | {
      ok: true;
      hits: RuleHit[];
      gap: boolean;
      lostFrames: number;
      samples: number;
      /** A calibration the wearer asked for finished with this frame. */
      calibration: CalibrationState | null;
    }
  | { ok: false; reason: 'rate_limited' | 'time_backwards' | 'duplicate' | 'clock_skew' };

const SAMPLE_S = CANONICAL_PERIOD_MS / 1000;

/**
 * Everything the agent keeps about one device, and the pure pipeline from decoded frames to rule
 * hits, feature windows and (zone, bucket) counts. No I/O: the agent publishes what it returns.
 */
export class DevicePipeline {
  readonly feedback = new DeviceFeedback();
  readonly ledger: BucketLedger;
  readonly pending: ReadyWindow[] = [];
  /** Latest sample time seen, ms (device clock). */
  latestTMs = Number.NaN;
  /** Wall-clock time of the latest accepted frame, ms (for idle eviction). */
  lastSeenMs = 0;
  droppedWindows = 0;
  /** Idle: streams dropped, open buckets kept until they end. */
  hibernated = false;
  private readonly engine: RuleEngine;
  private readonly streams = new Map<Placement, SensorStream>();
  /** Calibrations of sensors whose stream was dropped (idle), restored when the stream returns. */
  private readonly keptCalibrations = new Map<Placement, KeptCalibration>();
  private readonly limiter: TokenBucket;
  private readonly zones: ExposureZone[] = [];
  private readonly sample: PostureSample = emptySample(0);

  constructor(
    private readonly options: DeviceOptions,
    /** The zone the device is in (from its retained zone topic, or the default). */
    public zoneId: string,
  ) {
    this.engine = new RuleEngine(options.rules);
    this.ledger = new BucketLedger(options.bucketSeconds);
    this.limiter = new TokenBucket(options.maxSamplesPerS, options.maxSamplesPerS * options.burstS);
  }

  /** Runs one decoded frame through checks, posture tracking, rules, lifts, windows and counts. */
  ingest(frame: ImuFrame, nowMs: number): IngestResult {
    let stream = this.streams.get(frame.placement);
    if (!stream) {
      stream = new SensorStream(frame.placement, this.options.guard, this.options.window);
      this.streams.set(frame.placement, stream);
      const kept = this.keptCalibrations.get(frame.placement);
      if (kept) stream.tracker.reference.restoreCalibration(kept);
    }
    const verdict = stream.guard.check(frame, nowMs);
    if (!verdict.ok) return { ok: false, reason: verdict.reason as 'time_backwards' };
    if (!this.limiter.take(frame.count, nowMs)) return { ok: false, reason: 'rate_limited' };
    if (verdict.restart) stream.restart();
    this.lastSeenMs = nowMs;
    this.hibernated = false;
    const hits: RuleHit[] = [];
    const samples = stream.tracker.pushFrame(frame);
    const primary = this.isPrimary(frame.placement);
    for (const s of samples) this.onSample(stream, s, primary, hits);
    const calibration = primary ? this.calibrationResult(stream) : null;
    for (const hit of hits) {
      const counts = this.countsAt(hit.tMs);
      if (counts) addHazard(counts, hit.hazard, hit.severity);
    }
    return {
      ok: true,
      hits,
      gap: verdict.gap,
      lostFrames: verdict.lostFrames,
      samples: samples.length,
      calibration,
    };
  }

  /** Buckets the device's clock has passed (plus grace), closed; `atMs` defaults to its latest sample. */
  closeDue(atMs = this.latestTMs): ClosedBucket[] {
    return Number.isNaN(atMs) ? [] : this.ledger.closeUpTo(atMs);
  }

  /** Whether `closeDue` would close something (so pending windows are classified first). */
  hasDue(atMs = this.latestTMs): boolean {
    return !Number.isNaN(atMs) && this.ledger.hasDue(atMs);
  }

  /** Every open bucket, closed (shutdown). */
  closeAll(): ClosedBucket[] {
    return this.ledger.closeAll();
  }

  /**
   * Idle: drops the sensor streams and queued windows (the bulk of the memory) but keeps the open
   * buckets, so a device that comes back within the bucket still yields one summary, not two.
   */
  hibernate(): void {
    this.keepCalibrations();
    this.streams.clear();
    this.pending.length = 0;
    this.engine.interrupt();
    this.hibernated = true;
  }

  /** The counts of the device's current zone for the bucket of `tMs`; null if that bucket closed. */
  countsAt(tMs: number): SummaryCounts | null {
    return this.ledger.at(this.zoneId, tMs);
  }

  /**
   * The wearer stands up straight and asks to calibrate: every sensor's next still stance becomes
   * its upright reference. The result comes with a later frame (`IngestResult.calibration`).
   * Returns false when the device has no sensor stream yet (nothing to calibrate).
   */
  requestCalibration(): boolean {
    for (const stream of this.streams.values()) stream.tracker.reference.requestCalibration();
    return this.streams.size > 0;
  }

  private calibrationResult(stream: SensorStream): CalibrationState | null {
    const ref = stream.tracker.reference;
    if (ref.calibrationCount === stream.calibrationsReported) return null;
    stream.calibrationsReported = ref.calibrationCount;
    return ref.calibration;
  }

  /** What to keep across an agent restart: the open buckets and the device's clocks. */
  held(deviceId: string): HeldDevice {
    this.keepCalibrations();
    const calibrations = [...this.keptCalibrations].map(([placement, c]) => ({ placement, ...c }));
    return {
      deviceId,
      latestTMs: this.latestTMs,
      lastSeenMs: this.lastSeenMs,
      ...this.ledger.snapshot(),
      calibrations,
    };
  }

  // The wearer calibrated once per shift; being out of range for a while must not undo it.
  private keepCalibrations(): void {
    for (const [placement, stream] of this.streams) {
      const c = stream.tracker.reference.calibrated;
      if (c)
        this.keptCalibrations.set(placement, {
          upright: [...c.upright],
          forward: c.forward && [...c.forward],
        });
      else this.keptCalibrations.delete(placement);
    }
  }

  /**
   * Takes back what a previous run of the agent held (into a fresh pipeline): the device starts
   * hibernated, as if idle since then. Returns how many buckets were refused (another bucket length).
   */
  restoreHeld(held: HeldDevice): number {
    this.latestTMs = held.latestTMs;
    this.lastSeenMs = held.lastSeenMs;
    this.hibernated = true;
    for (const { placement, ...c } of held.calibrations ?? []) this.keptCalibrations.set(placement, c);
    return this.ledger.restore(held);
  }

  /** The worker acknowledged a warning: its episode is not escalated. */
  acknowledge(ruleId: string, onsetMs: number): void {
    this.engine.acknowledge(ruleId, onsetMs);
  }

  private onSample(stream: SensorStream, s: KinematicsSample, primary: boolean, hits: RuleHit[]): void {
    if (s.segment !== stream.segment) {
      // A gap or restart: a hold across it cannot be judged.
      if (!Number.isNaN(stream.segment)) this.engine.interrupt();
      stream.segment = s.segment;
    }
    if (!(s.tMs <= this.latestTMs)) this.latestTMs = s.tMs;
    const counts = this.countsAt(s.tMs);
    if (primary && counts) counts.observedSeconds += SAMPLE_S;
    if (s.referenceReady) {
      const rs = this.sample;
      rs.tMs = s.tMs;
      rs.trunkFlexionDeg = stream.isArm ? Number.NaN : s.trunkFlexionDeg;
      rs.trunkSideBendDeg = stream.isArm || !s.forwardReady ? Number.NaN : s.sideBendDeg;
      rs.armElevationDeg = stream.isArm ? s.armElevationDeg : Number.NaN;
      this.engine.onSample(rs, hits);
      if (counts && (primary || stream.isArm)) {
        exposureZones(rs.trunkFlexionDeg, rs.armElevationDeg, this.zones);
        for (const zone of this.zones) addExposure(counts, zone, SAMPLE_S);
      }
    }
    const lift = stream.lifts?.push(s);
    if (lift && primary) {
      const stooped = lift.kind === 'stoop';
      this.engine.onLift({ tMs: lift.onsetMs, stooped }, hits);
      const liftCounts = this.countsAt(lift.onsetMs) ?? counts;
      if (liftCounts) {
        liftCounts.lifts.total += 1;
        if (stooped) liftCounts.lifts.stooped += 1;
      }
    }
    const window = stream.windower.push(s);
    if (window && primary) this.queueWindow(stream, window, s);
  }

  private queueWindow(stream: SensorStream, window: readonly KinematicsSample[], s: KinematicsSample): void {
    if (this.pending.length >= this.options.maxPendingWindows) {
      this.pending.shift();
      this.droppedWindows += 1;
    }
    // The first window of a segment brings all its samples, later ones only their hop.
    const fresh = stream.windowSegment !== s.segment;
    stream.windowSegment = s.segment;
    const hopS = (fresh ? window.length : stream.windower.hopSamples) * SAMPLE_S;
    const features = stream.context.extend(extractFeatures(window), s.tMs, s.segment);
    this.pending.push({ features, tMs: s.tMs, hopS, samples: window });
  }

  private isPrimary(placement: Placement): boolean {
    for (const p of PLACEMENT_PRIORITY) if (this.streams.has(p)) return p === placement;
    return false;
  }
}
