import { MODEL_FEATURE_COUNT } from '@haltung/kinematics';
import type { PostureClass } from '@haltung/protocol';
import * as tf from '@tensorflow/tfjs';
import type { LabelledWindows } from '../data/labelled-streams.js';
import { PostureSmoother } from '../runtime/posture-smoother.js';
import { averageModels } from './average-models.js';
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
  /**
   * MLPs trained (member m seeded seed + 1000·m) whose probabilities are averaged (default 1). They
   * differ only in initial weights and drawn batches; the mean is steadier on people never seen.
   */
  members?: number;
}

export interface TrainedPosture {
  model: tf.LayersModel;
  norm: { mean: number[]; std: number[] };
  rows: number;
}

/** Seeds of ensemble members lie this far apart. */
const MEMBER_SEED_STEP = 1000;

/** Trains the posture MLP (or the average of `members` MLPs) on the given streams (on the active TF.js backend). */
export async function trainPosture(
  streams: readonly LabelledWindows[],
  config: TrainConfig,
  onEpoch?: (epoch: number, loss: number, member: number) => void,
): Promise<TrainedPosture> {
  const d = config.features ?? MODEL_FEATURE_COUNT;
  const rows = toRows(streams, config.classes, config.stride, d);
  const norm = normalisation(rows.x, d);
  const x = normalise(rows.x, norm);
  const weight = balanceWeights(rows, config.sourceShare);
  const members: tf.Sequential[] = [];
  const count = config.members ?? 1;
  for (let m = 0; m < count; m++) {
    const seed = config.seed + MEMBER_SEED_STEP * m;
    const member = buildMlp({
      inputs: d,
      hidden: config.hidden,
      outputs: config.classes.length,
      l2: config.l2,
      seed,
    });
    await fitMlp(
      member,
      { x, y: rows.y, weight, features: d, classes: config.classes.length },
      {
        epochs: config.epochs,
        rowsPerEpoch: config.rowsPerEpoch,
        batchSize: config.batchSize,
        learningRate: config.learningRate,
        seed,
        ...(onEpoch && { onEpoch: (epoch: number, loss: number) => onEpoch(epoch, loss, m) }),
      },
    );
    members.push(member);
  }
  if (count === 1) return { model: members[0] as tf.Sequential, norm, rows: rows.y.length };
  const model = averageModels(members, d);
  for (const member of members) member.dispose();
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
