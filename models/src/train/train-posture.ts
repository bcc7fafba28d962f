import { MODEL_FEATURE_COUNT } from '@haltung/kinematics';
import type { PostureClass } from '@haltung/protocol';
import * as tf from '@tensorflow/tfjs';
import type { LabelledWindows } from '../data/labelled-streams.js';
import { PostureSmoother } from '../runtime/posture-smoother.js';
import { balanceWeights, normalisation, normalise, toRows } from './dataset.js';
import { fitMlp } from './fit.js';
import { buildMlp } from './mlp.js';

/** Hyper-parameters of one training run. */
export interface TrainConfig {
  classes: readonly PostureClass[];
  hidden: readonly number[];
  l2: number;
  epochs: number;
  rowsPerEpoch: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Use every n-th window of each stream (hop 0.4 s windows overlap by 80 %). */
  stride: number;
  /** Share of the draws per data source (default equal). */
  sourceShare?: Readonly<Record<string, number>>;
  /** Length of a window's feature vector (default the kinematics MODEL_FEATURE_COUNT). */
  features?: number;
}

export interface TrainedPosture {
  model: tf.Sequential;
  norm: { mean: number[]; std: number[] };
  rows: number;
}

/** Trains one posture MLP on the given streams (on the active TF.js backend). */
export async function trainPosture(
  streams: readonly LabelledWindows[],
  config: TrainConfig,
  onEpoch?: (epoch: number, loss: number) => void,
): Promise<TrainedPosture> {
  const d = config.features ?? MODEL_FEATURE_COUNT;
  const rows = toRows(streams, config.classes, config.stride, d);
  const norm = normalisation(rows.x, d);
  const model = buildMlp({
    inputs: d,
    hidden: config.hidden,
    outputs: config.classes.length,
    l2: config.l2,
    seed: config.seed,
  });
  await fitMlp(
    model,
    {
      x: normalise(rows.x, norm),
      y: rows.y,
      weight: balanceWeights(rows, config.sourceShare),
      features: d,
      classes: config.classes.length,
    },
    {
      epochs: config.epochs,
      rowsPerEpoch: config.rowsPerEpoch,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      seed: config.seed,
      ...(onEpoch && { onEpoch }),
    },
  );
  return { model, norm, rows: rows.y.length };
}

/**
 * Classifies every window of `stream` with a model still in memory: class per window and confidence,
 * smoothed like the runtime does (`smoothingS` 0 = raw).
 */
export function classifyWindows(
  trained: TrainedPosture,
  stream: LabelledWindows,
  classes: readonly PostureClass[],
  smoothingS = 0,
): { classes: PostureClass[]; confidence: Float32Array } {
  const n = stream.windows.count;
  if (n === 0) return { classes: [], confidence: new Float32Array(0) };
  const x = normalise(stream.windows.modelFeatures, trained.norm);
  const probs = tf.tidy(() =>
    (
      trained.model.predict(tf.tensor2d(x, [n, trained.norm.mean.length]), { batchSize: n }) as tf.Tensor
    ).dataSync(),
  );
  const k = classes.length;
  const smoother = new PostureSmoother(classes, smoothingS);
  const out: PostureClass[] = [];
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = smoother.push(stream.windows.tEndMs[i] as number, probs.subarray(i * k, (i + 1) * k));
    out.push(p.class);
    confidence[i] = p.confidence;
  }
  return { classes: out, confidence };
}
