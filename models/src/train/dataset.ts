import { MODEL_FEATURE_COUNT } from '@haltung/kinematics';
import type { PostureClass } from '@haltung/protocol';
import type { LabelledWindows } from '../data/labelled-streams.js';

/** Labelled windows flattened for training: one row per window of a scored class. */
export interface Rows {
  /** n × MODEL_FEATURE_COUNT raw model features. */
  x: Float32Array;
  /** Class index into the class list. */
  y: Int32Array;
  person: string[];
  source: string[];
  /** Index of the stream each row came from, and the window within it. */
  stream: Int32Array;
  window: Int32Array;
}

/**
 * Takes every `stride`-th window (overlapping windows are near duplicates) whose label is one of
 * `classes`; windows across a label change (`transition`) are left out.
 */
export function toRows(
  streams: readonly LabelledWindows[],
  classes: readonly PostureClass[],
  stride = 1,
  d: number = MODEL_FEATURE_COUNT,
): Rows {
  const picks: Array<[number, number, number]> = [];
  streams.forEach((s, si) => {
    for (let k = 0; k < s.windows.count; k += stride) {
      const c = classes.indexOf(s.windows.label[k] as PostureClass);
      if (c >= 0) picks.push([si, k, c]);
    }
  });
  const x = new Float32Array(picks.length * d);
  picks.forEach(([si, k], i) => {
    x.set((streams[si] as LabelledWindows).windows.modelFeatures.subarray(k * d, (k + 1) * d), i * d);
  });
  return {
    x,
    y: Int32Array.from(picks, (p) => p[2]),
    person: picks.map((p) => (streams[p[0]] as LabelledWindows).person),
    source: picks.map((p) => (streams[p[0]] as LabelledWindows).source),
    stream: Int32Array.from(picks, (p) => p[0]),
    window: Int32Array.from(picks, (p) => p[1]),
  };
}

/** Per-feature mean and standard deviation (a constant feature gets std 1, not 0). */
export function normalisation(x: Float32Array, d: number): { mean: number[]; std: number[] } {
  const n = x.length / d;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[i * d + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / Math.max(1, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      sq[j] = (sq[j] as number) + ((x[i * d + j] as number) - (mean[j] as number)) ** 2;
  }
  const std = sq.map((s) => {
    const v = Math.sqrt(s / Math.max(1, n));
    return v > 1e-6 ? v : 1;
  });
  return { mean: mean.map((m) => Math.fround(m)), std: std.map((s) => Math.fround(s)) };
}

/** z-scores a copy of `x`. */
export function normalise(x: Float32Array, norm: { mean: number[]; std: number[] }): Float32Array {
  const d = norm.mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i % d;
    out[i] = ((x[i] as number) - (norm.mean[j] as number)) / (norm.std[j] as number);
  }
  return out;
}

/**
 * Sampling weights so that every (source, class) cell weighs the same within its source, and each
 * source gets `sourceShare` of the draws (default: equal). Keeps the many walking windows of HAPT
 * and the many standing windows of the simulator from drowning the rare classes.
 */
export function balanceWeights(rows: Rows, sourceShare: Readonly<Record<string, number>> = {}): Float32Array {
  const cell = new Map<string, number>();
  const classesPerSource = new Map<string, Set<number>>();
  rows.y.forEach((c, i) => {
    const s = rows.source[i] as string;
    cell.set(`${s}:${c}`, (cell.get(`${s}:${c}`) ?? 0) + 1);
    if (!classesPerSource.has(s)) classesPerSource.set(s, new Set());
    classesPerSource.get(s)?.add(c);
  });
  const sources = [...classesPerSource.keys()];
  return Float32Array.from(rows.y, (c, i) => {
    const s = rows.source[i] as string;
    const share = sourceShare[s] ?? 1 / sources.length;
    return share / ((classesPerSource.get(s)?.size ?? 1) * (cell.get(`${s}:${c}`) ?? 1));
  });
}
