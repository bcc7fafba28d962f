import {
  extractFeatures,
  FEATURE_COUNT,
  FEATURE_INDEX,
  MODEL_FEATURE_COUNT,
  type PostureSample,
  PostureTracker,
  type SensorPlacement,
  WindowContext,
  Windower,
} from '@haltung/kinematics';
import { type MappedLabel, mapLabel } from '../labels/label-map.js';

/** A continuous stream of one sensor, struct-of-arrays (a `Recording` of @haltung/simulator fits). */
export interface SensorStream {
  count: number;
  tMs: ArrayLike<number>;
  /** count × 3 interleaved, m/s². */
  acc: ArrayLike<number>;
  /** count × 3 interleaved, rad/s, NaN where missing; null without a gyroscope. */
  gyro: ArrayLike<number> | null;
  /** Dataset label per sample, mapped through the label table; omit for unlabelled streams. */
  labels?: readonly string[];
  /** Extra per-sample series (e.g. true trunk flexion) to average per window, by name. */
  series?: Readonly<Record<string, ArrayLike<number>>>;
}

/** The windows of one stream, struct-of-arrays, in time order. */
export interface WindowSet {
  count: number;
  /** count × FEATURE_COUNT, raw kinematics features. */
  features: Float32Array;
  /** count × MODEL_FEATURE_COUNT: the features with their recent context (`WindowContext`), the model's input. */
  modelFeatures: Float32Array;
  /** Window start and end (time of the first and last canonical sample), ms. */
  tStartMs: Float64Array;
  tEndMs: Float64Array;
  /**
   * The window's class: the mapped label of at least `pureShare` of its samples, else `transition`
   * (a window across a change of activity is scored by no class).
   */
  label: MappedLabel[];
  /** Mean trunk flexion (kinematics estimate), degrees. */
  trunkFlexionDeg: Float32Array;
  /** Window means of each `series`, NaN where none of its samples had a finite value. */
  series: Record<string, Float32Array>;
}

export interface WindowOptions {
  placement: SensorPlacement;
  /** Share of a window's samples that must agree on the label (default 0.8). */
  pureShare?: number;
  /**
   * Diagnosis only: a `series` (the simulator's true hip height change, m) whose window mean
   * replaces the estimated height-change features of trunk and pelvis windows.
   */
  heightOracleSeries?: string;
  /**
   * The wearer stands up straight and presses calibrate as the stream starts (as the simulator's
   * wearers do when they put the wearable on): the edge's calibrated reference instead of one
   * learned from the data.
   */
  calibrate?: boolean;
}

/**
 * Runs a stream through the kinematics pipeline exactly as the edge does (PostureTracker: resample
 * to the canonical rate, orientation filter, upright reference; Windower; extractFeatures) and
 * labels every window from the per-sample labels.
 */
export function windowStream(stream: SensorStream, options: WindowOptions): WindowSet {
  const tracker = new PostureTracker({ placement: options.placement });
  if (options.calibrate) tracker.reference.requestCalibration();
  const windower = new Windower<PostureSample>();
  const pureShare = options.pureShare ?? 0.8;
  const seriesNames = Object.keys(stream.series ?? {});
  const windows: (readonly PostureSample[])[] = [];
  for (let i = 0; i < stream.count; i++) {
    const g = stream.gyro;
    const gx = g ? (g[3 * i] as number) : Number.NaN;
    const samples = tracker.push({
      tMs: stream.tMs[i] as number,
      acc: [stream.acc[3 * i] as number, stream.acc[3 * i + 1] as number, stream.acc[3 * i + 2] as number],
      gyro: g && Number.isFinite(gx) ? [gx, g[3 * i + 1] as number, g[3 * i + 2] as number] : null,
    });
    for (const s of samples) {
      const w = windower.push(s);
      if (w) windows.push(w);
    }
  }
  const n = windows.length;
  const out: WindowSet = {
    count: n,
    features: new Float32Array(n * FEATURE_COUNT),
    modelFeatures: new Float32Array(n * MODEL_FEATURE_COUNT),
    tStartMs: new Float64Array(n),
    tEndMs: new Float64Array(n),
    label: [],
    trunkFlexionDeg: new Float32Array(n),
    series: Object.fromEntries(seriesNames.map((name) => [name, new Float32Array(n)])),
  };
  // Canonical samples are matched to the raw sample at or before their time (one forward pass).
  let raw = 0;
  const rawIndexAt = (tMs: number) => {
    if (raw > 0 && (stream.tMs[raw] as number) > tMs) raw = 0;
    while (raw + 1 < stream.count && (stream.tMs[raw + 1] as number) <= tMs) raw++;
    return raw;
  };
  const context = new WindowContext();
  windows.forEach((w, k) => {
    const f = extractFeatures(w);
    const last = w.at(-1) as PostureSample;
    const oracle = options.heightOracleSeries && stream.series?.[options.heightOracleSeries];
    if (oracle && f[FEATURE_INDEX.is_arm] !== 1) {
      // Diagnosis only: the true height change in place of the estimate (what it is worth).
      let sum = 0;
      const from = raw;
      for (const s of w) sum += oracle[rawIndexAt(s.tMs)] as number;
      raw = from;
      f[FEATURE_INDEX.hip_height_change_m] = sum / w.length;
      f[FEATURE_INDEX.height_change_m] = sum / w.length;
    }
    out.features.set(f, k * FEATURE_COUNT);
    out.modelFeatures.set(context.extend(f, last.tMs, last.segment), k * MODEL_FEATURE_COUNT);
    out.tStartMs[k] = (w[0] as PostureSample).tMs;
    out.tEndMs[k] = (w.at(-1) as PostureSample).tMs;
    out.trunkFlexionDeg[k] = f[FEATURE_INDEX.flex_mean_deg] as number;
    const counts = new Map<MappedLabel, number>();
    const sums = seriesNames.map(() => [0, 0] as [number, number]);
    for (const s of w) {
      const r = rawIndexAt(s.tMs);
      if (stream.labels) {
        const m = mapLabel(stream.labels[r] ?? '');
        counts.set(m, (counts.get(m) ?? 0) + 1);
      }
      seriesNames.forEach((name, j) => {
        const v = (stream.series as Record<string, ArrayLike<number>>)[name]?.[r] as number;
        const acc = sums[j] as [number, number];
        if (Number.isFinite(v)) {
          acc[0] += v;
          acc[1] += 1;
        }
      });
    }
    let label: MappedLabel = 'unknown';
    for (const [m, c] of counts) if (c >= pureShare * w.length) label = m;
    if (stream.labels && label === 'unknown' && counts.size > 1) label = 'transition';
    out.label.push(label);
    seriesNames.forEach((name, j) => {
      const [sum, cnt] = sums[j] as [number, number];
      (out.series[name] as Float32Array)[k] = cnt > 0 ? sum / cnt : Number.NaN;
    });
  });
  return out;
}
