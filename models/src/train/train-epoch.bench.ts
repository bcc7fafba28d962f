import { MODEL_FEATURE_COUNT } from '@haltung/kinematics';
import { POSTURE_CLASSES } from '@haltung/protocol';
import * as tf from '@tensorflow/tfjs';
import { type BackendName, selectBackend } from '../runtime/backend.js';
import { fitMlp } from './fit.js';
import { buildMlp } from './mlp.js';

// The shipped recipe's network and epoch (npm run train: MLP 128-64, 16,000 draws of 128).
const HIDDEN = [128, 64];
const DRAWS = 16_000;
const ROWS = 20_000;

/** Seconds for one training epoch of the shipped MLP on `backend`, the better of two. */
async function epochSeconds(backend: BackendName): Promise<number> {
  await selectBackend(backend);
  const classes = POSTURE_CLASSES.length;
  const x = new Float32Array(ROWS * MODEL_FEATURE_COUNT).map((_, i) => Math.sin(i * 12.9898));
  const y = Int32Array.from({ length: ROWS }, (_, i) => i % classes);
  const set = { x, y, features: MODEL_FEATURE_COUNT, classes };
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 2; run++) {
    const model = buildMlp({
      inputs: MODEL_FEATURE_COUNT,
      hidden: HIDDEN,
      outputs: classes,
      l2: 1e-4,
      seed: 1,
    });
    const t0 = performance.now();
    await fitMlp(model, set, { epochs: 1, rowsPerEpoch: DRAWS, batchSize: 128, learningRate: 3e-3, seed: 1 });
    best = Math.min(best, (performance.now() - t0) / 1000);
    model.optimizer.dispose();
    model.dispose();
  }
  return best;
}

export default async function bench() {
  const wasm = await epochSeconds('wasm');
  const cpu = await epochSeconds('cpu');
  const details = { hidden: HIDDEN, draws: DRAWS, batch: 128, tfjs: tf.version.tfjs };
  return [
    {
      name: 'posture model training, one epoch, wasm',
      value: wasm,
      unit: 's',
      higherIsBetter: false,
      details,
    },
    { name: 'posture model training, one epoch, cpu', value: cpu, unit: 's', higherIsBetter: false, details },
    { name: 'posture model training speed, wasm / cpu', value: cpu / wasm, unit: '×', higherIsBetter: true },
  ];
}
