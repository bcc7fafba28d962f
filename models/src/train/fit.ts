import * as tf from '@tensorflow/tfjs';
import { seededRandom } from './seeded-random.js';

/** Training examples: z-scored features row-major, a class index per row, a sampling weight per row. */
export interface TrainingSet {
  x: Float32Array;
  y: Int32Array;
  /** Relative chance of each row being drawn (class and source balance); all 1 if omitted. */
  weight?: Float32Array;
  features: number;
  classes: number;
}

export interface FitOptions {
  epochs: number;
  /** Rows drawn per epoch (with replacement, by weight); defaults to the number of rows. */
  rowsPerEpoch?: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Trains with Adam on mini-batches drawn by weight from a seeded generator, so the same seed gives
 * the same model (model.fit's shuffle uses Math.random). Returns the last epoch's mean loss.
 */
export async function fitMlp(model: tf.LayersModel, set: TrainingSet, options: FitOptions): Promise<number> {
  const n = set.y.length;
  if (n === 0) throw new Error('no training rows');
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy' });
  const random = seededRandom(options.seed);
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += set.weight ? (set.weight[i] as number) : 1;
    cumulative[i] = total;
  }
  const draw = () => {
    const r = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const d = set.features;
  const rows = options.rowsPerEpoch ?? n;
  const batches = Math.ceil(rows / options.batchSize);
  let lastLoss = Number.NaN;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Step decay: the last third of the epochs at a tenth of the rate settles the weights.
    if (epoch === Math.floor((2 * options.epochs) / 3)) {
      model.optimizer.dispose();
      model.compile({ optimizer: tf.train.adam(options.learningRate / 10), loss: 'categoricalCrossentropy' });
    }
    let lossSum = 0;
    for (let b = 0; b < batches; b++) {
      const size = Math.min(options.batchSize, rows - b * options.batchSize);
      const xb = new Float32Array(size * d);
      const yb = new Float32Array(size * set.classes);
      for (let i = 0; i < size; i++) {
        const row = draw();
        xb.set(set.x.subarray(row * d, (row + 1) * d), i * d);
        yb[i * set.classes + (set.y[row] as number)] = 1;
      }
      const xt = tf.tensor2d(xb, [size, d]);
      const yt = tf.tensor2d(yb, [size, set.classes]);
      const loss = await model.trainOnBatch(xt, yt);
      xt.dispose();
      yt.dispose();
      lossSum += Array.isArray(loss) ? (loss[0] as number) : loss;
    }
    lastLoss = lossSum / batches;
    options.onEpoch?.(epoch + 1, lastLoss);
  }
  return lastLoss;
}
