import { FEATURE_COUNT, FEATURE_INDEX, FEATURE_NAMES, type FeatureName } from '../windows/feature-names.js';

/**
 * Features of the recent past that a classifier sees beside the current window: where the trunk
 * was, how high the sensor was and whether the wearer moved or walked a few seconds ago. A still
 * window alone often cannot tell how the wearer got there (sat down or stood still, bent over or
 * crouched), the few seconds before it often can.
 */
export const CONTEXT_SOURCE_FEATURES: readonly FeatureName[] = [
  'incl_mean_deg',
  'flex_mean_deg',
  'side_mean_deg',
  'up_fwd',
  'up_left',
  'up_up',
  'height_change_m',
  'hip_height_change_m',
  'dyn_acc_mean',
  'vert_acc_std',
  'still_frac',
  'walking_frac',
  'incl_max_deg',
  'tilt_rate_max_deg_s',
];

/** How far back the context looks, seconds (window ends; 5, 12 and 25 hops of 0.4 s). */
export const CONTEXT_LAGS_S: readonly number[] = [2, 4.8, 10];

/** Names of the context features, lag by lag: e.g. `incl_mean_deg_2s_ago`. */
export const CONTEXT_FEATURE_NAMES: readonly string[] = CONTEXT_LAGS_S.flatMap((lag) =>
  CONTEXT_SOURCE_FEATURES.map((name) => `${name}_${lag}s_ago`),
);

/** What the posture model reads per window: the window's own features, then its context. */
export const MODEL_FEATURE_NAMES: readonly string[] = [...FEATURE_NAMES, ...CONTEXT_FEATURE_NAMES];
export const MODEL_FEATURE_COUNT = MODEL_FEATURE_NAMES.length;

export interface WindowContextOptions {
  /** A pause between window ends longer than this starts afresh, ms (default 3000). */
  maxGapMs?: number;
  /** Window hop, ms, used to size the history and to match lags (default 400). */
  hopMs?: number;
}

const SOURCE_INDEX = CONTEXT_SOURCE_FEATURES.map((name) => FEATURE_INDEX[name]);
const WIDTH = SOURCE_INDEX.length;

/**
 * One sensor stream's recent windows, to extend each new window's features with the same features
 * `CONTEXT_LAGS_S` ago. Until a lag's window exists (start of the stream, after a gap) the oldest
 * window since then stands in, so the context never reaches across a break. Memory is a fixed ring.
 */
export class WindowContext {
  private readonly capacity: number;
  private readonly ring: Float32Array;
  private readonly ends: Float64Array;
  private count = 0;
  private next = 0;
  private readonly maxGapMs: number;
  private readonly halfHopMs: number;
  private segment = Number.NaN;

  constructor(options: WindowContextOptions = {}) {
    const hopMs = options.hopMs ?? 400;
    this.maxGapMs = options.maxGapMs ?? 3000;
    this.halfHopMs = hopMs / 2;
    this.capacity = Math.ceil((Math.max(...CONTEXT_LAGS_S) * 1000) / hopMs) + 2;
    this.ring = new Float32Array(this.capacity * WIDTH);
    this.ends = new Float64Array(this.capacity);
  }

  /**
   * Takes the next window's features (`extractFeatures` output) ending at `tEndMs` in stream
   * `segment` (a new segment means the stream broke) and returns them extended by the context.
   */
  extend(features: ArrayLike<number>, tEndMs: number, segment = 0): Float32Array {
    if (features.length !== FEATURE_COUNT) {
      throw new RangeError(`WindowContext: expected ${FEATURE_COUNT} features, got ${features.length}`);
    }
    const last =
      this.count > 0 ? (this.ends[(this.next - 1 + this.capacity) % this.capacity] as number) : Number.NaN;
    if (segment !== this.segment || !(tEndMs > last - this.halfHopMs) || tEndMs - last > this.maxGapMs) {
      this.reset();
      this.segment = segment;
    }
    const at = this.next * WIDTH;
    for (let j = 0; j < WIDTH; j++) this.ring[at + j] = features[SOURCE_INDEX[j] as number] as number;
    this.ends[this.next] = tEndMs;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);

    const out = new Float32Array(MODEL_FEATURE_COUNT);
    for (let i = 0; i < FEATURE_COUNT; i++) out[i] = features[i] as number;
    let o = FEATURE_COUNT;
    for (const lagS of CONTEXT_LAGS_S) {
      const slot = this.slotAt(tEndMs - lagS * 1000);
      for (let j = 0; j < WIDTH; j++) out[o++] = this.ring[slot * WIDTH + j] as number;
    }
    return out;
  }

  /** Forgets the history (the stream restarted). */
  reset(): void {
    this.count = 0;
    this.next = 0;
    this.segment = Number.NaN;
  }

  /** The newest window ending at or before `tMs` (half a hop of slack), else the oldest one kept. */
  private slotAt(tMs: number): number {
    for (let k = 1; k <= this.count; k++) {
      const slot = (this.next - k + this.capacity) % this.capacity;
      if ((this.ends[slot] as number) <= tMs + this.halfHopMs) return slot;
    }
    return (this.next - this.count + this.capacity) % this.capacity;
  }
}
