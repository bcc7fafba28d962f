import type { PostureClass } from '@haltung/protocol';
import * as tf from '@tensorflow/tfjs';
import type { LabelledWindows } from '../data/labelled-streams.js';
import { OBSERVABLE_CLASSES } from '../labels/observable-classes.js';
import { type OffsetTuning, type OffsetTuningOptions, tuneClassOffsets } from './class-offsets.js';
import { normalise } from './dataset.js';
import type { TrainedPosture } from './train-posture.js';

/** The softmax Dense layers of a posture model: one per ensemble member (the last layer of a single MLP). */
function memberOutputLayers(model: tf.LayersModel): tf.layers.Layer[] {
  const out = model.layers.filter(
    (l) => l.getClassName() === 'Dense' && l.getConfig().activation === 'softmax',
  );
  if (out.length === 0) throw new Error(`model ${model.name} has no softmax Dense layer to offset`);
  return out;
}

/** Each member's softmax outputs for the normalised windows `x` (n × d). */
export function memberProbabilities(
  model: tf.LayersModel,
  x: Float32Array,
  n: number,
  d: number,
): Float32Array[] {
  const layers = memberOutputLayers(model);
  return tf.tidy(() => {
    const input = tf.tensor2d(x, [n, d]);
    const probe =
      layers.length === 1
        ? model
        : tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
    const result = probe.predict(input, { batchSize: Math.max(1, n) });
    return (Array.isArray(result) ? result : [result]).map((t) => t.dataSync() as Float32Array);
  });
}

/** Adds `offsets` (one per class) to every member's output bias, in place: softmax(z + offsets). */
export function addClassOffsets(model: tf.LayersModel, offsets: readonly number[]): void {
  for (const layer of memberOutputLayers(model)) {
    const [kernel, bias] = layer.getWeights();
    if (!kernel || !bias || bias.shape[0] !== offsets.length)
      throw new Error(`layer ${layer.name}: no bias of ${offsets.length} classes to offset`);
    const shifted = tf.tidy(() => bias.add(tf.tensor1d([...offsets])));
    layer.setWeights([kernel, shifted]);
    shifted.dispose();
  }
}

function join(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface CalibratedOffsets extends OffsetTuning {
  /** The offsets by class name (logit units, added to every member's output). */
  byClass: Record<string, number>;
  /** Validation windows scored. */
  windows: number;
}

/**
 * Tunes the class offsets on `validation` streams (simulated people in no other set) and adds them
 * to the model. Body and upper-arm sensors are scored over their own observable classes and weigh
 * equally; `stride` keeps every n-th window (default 4: they overlap by 80 %, and the search scores
 * every window a few hundred times, the bulk of its cost in the 15 min training budget).
 */
export function calibrateClassOffsets(
  trained: TrainedPosture,
  validation: readonly LabelledWindows[],
  classes: readonly PostureClass[],
  options: OffsetTuningOptions & { stride?: number } = {},
): CalibratedOffsets {
  const stride = options.stride ?? 4;
  const d = trained.norm.mean.length;
  const scored = [OBSERVABLE_CLASSES.body, OBSERVABLE_CLASSES.arm].map((set) =>
    set.map((c) => classes.indexOf(c)),
  );
  const labels: number[] = [];
  const groups: number[] = [];
  // Per member, the probabilities of each stream (joined once at the end).
  const member: Float32Array[][] = [];
  for (const stream of validation) {
    const group = stream.placement.startsWith('upper_arm') ? 1 : 0;
    const w = stream.windows;
    const keep = Array.from({ length: Math.ceil(w.count / stride) }, (_, k) => k * stride);
    if (keep.length === 0) continue;
    const x = new Float32Array(keep.length * d);
    keep.forEach((k, r) => {
      x.set(w.modelFeatures.subarray(k * d, (k + 1) * d), r * d);
    });
    const probabilities = memberProbabilities(trained.model, normalise(x, trained.norm), keep.length, d);
    probabilities.forEach((p, m) => {
      member[m] ??= [];
      (member[m] as Float32Array[]).push(p);
    });
    for (const k of keep) {
      const c = classes.indexOf(w.label[k] as PostureClass);
      labels.push(c >= 0 && (scored[group] as number[]).includes(c) ? c : -1);
      groups.push(group);
    }
  }
  const tuning = tuneClassOffsets(
    {
      classes: classes.length,
      memberProbabilities: member.map(join),
      labels: Int32Array.from(labels),
      groups: Uint8Array.from(groups),
      scored,
    },
    options,
  );
  addClassOffsets(trained.model, tuning.offsets);
  return {
    ...tuning,
    byClass: Object.fromEntries(classes.map((c, j) => [c, tuning.offsets[j] as number])),
    windows: labels.filter((l) => l >= 0).length,
  };
}
