import { CANONICAL_PERIOD_MS, MAX_GAP_MS } from '../constants.js';
import type { Vec3 } from '../math/vec3.js';
import type { CanonicalSample, Discontinuity, ImuFrameLike, RawSample } from '../types.js';

export interface ResamplerOptions {
  /** Output period, ms (default {@link CANONICAL_PERIOD_MS}, i.e. 25 Hz). */
  periodMs?: number;
  /** An input gap longer than this (ms) restarts the stream (default {@link MAX_GAP_MS}). */
  maxGapMs?: number;
  /** Called on every restart after a gap or a backwards time step. */
  onDiscontinuity?: (d: Discontinuity) => void;
}

/** Counters of what the resampler accepted and dropped. */
export interface ResamplerStats {
  accepted: number;
  emitted: number;
  /** Samples with non-finite time or values (dropped). */
  droppedInvalid: number;
  /** Samples with the same time as the previous one (dropped). */
  droppedDuplicate: number;
  gaps: number;
  backwards: number;
}

/** The box filter never averages more than this many input samples (200 Hz → 25 Hz needs 8). */
const MAX_BOX = 8;

/**
 * Streaming resampler onto an exact grid (times are integer multiples of `periodMs`), by linear
 * interpolation between input samples. When the input is faster than the grid it first averages
 * over about one output period (a moving average, stamped at the mean time of its samples so it
 * adds no delay) to keep steps and vibration from aliasing. The output depends only on the sample
 * sequence, never on how samples were split into frames.
 */
export class Resampler {
  readonly periodMs: number;
  readonly maxGapMs: number;
  readonly stats: ResamplerStats = {
    accepted: 0,
    emitted: 0,
    droppedInvalid: 0,
    droppedDuplicate: 0,
    gaps: 0,
    backwards: 0,
  };
  private readonly onDiscontinuity: ((d: Discontinuity) => void) | undefined;
  private segment = 0;
  // Ring of the latest raw samples for the box filter.
  private readonly ringT = new Float64Array(MAX_BOX);
  private readonly ringV = new Float64Array(MAX_BOX * 6);
  private readonly ringGyro = new Uint8Array(MAX_BOX);
  private ringLen = 0;
  private ringHead = 0;
  private lastRawT = Number.NaN;
  private dtEstMs = Number.NaN;
  // Previous filtered point, the left end of the interpolation interval.
  private prevT = Number.NaN;
  private readonly prevV = new Float64Array(6);
  private prevHasGyro = false;
  private nextGridMs = Number.NaN;

  constructor(options: ResamplerOptions = {}) {
    this.periodMs = options.periodMs ?? CANONICAL_PERIOD_MS;
    this.maxGapMs = options.maxGapMs ?? MAX_GAP_MS;
    this.onDiscontinuity = options.onDiscontinuity;
  }

  /** Feeds one input sample; returns the canonical samples it completes (often none). */
  push(sample: RawSample): CanonicalSample[] {
    const out: CanonicalSample[] = [];
    const g = sample.gyro;
    this.pushValues(sample.tMs, sample.acc, g, out);
    return out;
  }

  /** Feeds every sample of a frame (times from t0Ms and sampleRateHz); returns the canonical samples. */
  pushFrame(frame: ImuFrameLike): CanonicalSample[] {
    const out: CanonicalSample[] = [];
    const dt = 1000 / frame.sampleRateHz;
    for (let i = 0; i < frame.count; i++) {
      const acc: Vec3 = [frame.acc[3 * i] ?? NaN, frame.acc[3 * i + 1] ?? NaN, frame.acc[3 * i + 2] ?? NaN];
      const gyro: Vec3 | null = frame.gyro
        ? [frame.gyro[3 * i] ?? NaN, frame.gyro[3 * i + 1] ?? NaN, frame.gyro[3 * i + 2] ?? NaN]
        : null;
      this.pushValues(frame.t0Ms + i * dt, acc, gyro, out);
    }
    return out;
  }

  /** Forgets all history (the next sample starts a new segment). */
  reset(): void {
    this.restart();
    this.lastRawT = Number.NaN;
    this.dtEstMs = Number.NaN;
  }

  private restart(): void {
    this.segment++;
    this.ringLen = 0;
    this.prevT = Number.NaN;
    this.nextGridMs = Number.NaN;
  }

  private pushValues(tMs: number, acc: Vec3, gyro: Vec3 | null, out: CanonicalSample[]): void {
    if (!finite3(acc) || !Number.isFinite(tMs) || (gyro !== null && !finite3(gyro))) {
      this.stats.droppedInvalid++;
      return;
    }
    const last = this.lastRawT;
    if (tMs === last) {
      this.stats.droppedDuplicate++;
      return;
    }
    if (tMs < last || tMs - last > this.maxGapMs) {
      const kind = tMs < last ? 'backwards' : 'gap';
      this.stats[kind === 'gap' ? 'gaps' : 'backwards']++;
      this.restart();
      this.dtEstMs = Number.NaN;
      this.onDiscontinuity?.({ kind, prevTMs: last, tMs, segment: this.segment });
    } else if (Number.isFinite(last)) {
      const dt = tMs - last;
      this.dtEstMs = Number.isNaN(this.dtEstMs) ? dt : this.dtEstMs + 0.1 * (dt - this.dtEstMs);
    }
    this.lastRawT = tMs;
    this.stats.accepted++;
    this.addToRing(tMs, acc, gyro);
    this.emitFiltered(out);
  }

  private addToRing(tMs: number, acc: Vec3, gyro: Vec3 | null): void {
    const i = this.ringHead;
    this.ringT[i] = tMs;
    for (let k = 0; k < 3; k++) {
      this.ringV[i * 6 + k] = acc[k] as number;
      this.ringV[i * 6 + 3 + k] = gyro ? (gyro[k] as number) : 0;
    }
    this.ringGyro[i] = gyro ? 1 : 0;
    this.ringHead = (i + 1) % MAX_BOX;
    if (this.ringLen < MAX_BOX) this.ringLen++;
  }

  private emitFiltered(out: CanonicalSample[]): void {
    // Box length ≈ one output period of input samples; 1 (no filtering) when upsampling.
    const wanted = Number.isNaN(this.dtEstMs) ? 1 : Math.round(this.periodMs / this.dtEstMs);
    const n = Math.max(1, Math.min(wanted, this.ringLen));
    let t = 0;
    let hasGyro = true;
    const v = [0, 0, 0, 0, 0, 0];
    for (let j = 0; j < n; j++) {
      const idx = (this.ringHead - 1 - j + MAX_BOX) % MAX_BOX;
      t += this.ringT[idx] as number;
      if (this.ringGyro[idx] === 0) hasGyro = false;
      for (let k = 0; k < 6; k++) v[k] = (v[k] as number) + (this.ringV[idx * 6 + k] as number);
    }
    t /= n;
    for (let k = 0; k < 6; k++) v[k] = (v[k] as number) / n;
    if (Number.isNaN(this.prevT)) {
      this.nextGridMs = Math.ceil(t / this.periodMs) * this.periodMs;
      if (this.nextGridMs === t) this.emit(t, v, hasGyro, out);
    } else if (t > this.prevT) {
      while (this.nextGridMs <= t) {
        const w = (this.nextGridMs - this.prevT) / (t - this.prevT);
        const iv = v.map((x, k) => (this.prevV[k] as number) + w * (x - (this.prevV[k] as number)));
        this.emit(this.nextGridMs, iv, hasGyro && this.prevHasGyro, out);
      }
    } else {
      return; // jittery time stamps can make the box mean stand still; wait for the next sample
    }
    this.prevT = t;
    for (let k = 0; k < 6; k++) this.prevV[k] = v[k] as number;
    this.prevHasGyro = hasGyro;
  }

  private emit(tMs: number, v: readonly number[], hasGyro: boolean, out: CanonicalSample[]): void {
    out.push({
      tMs,
      segment: this.segment,
      acc: [v[0] as number, v[1] as number, v[2] as number],
      gyro: hasGyro ? [v[3] as number, v[4] as number, v[5] as number] : null,
    });
    this.stats.emitted++;
    this.nextGridMs = (Math.round(tMs / this.periodMs) + 1) * this.periodMs;
  }
}

function finite3(v: Vec3): boolean {
  return Number.isFinite(v[0]) && Number.isFinite(v[1]) && Number.isFinite(v[2]);
}
