import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MODEL_FEATURE_COUNT as FEATURE_COUNT } from '@haltung/kinematics';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './backend.js';
import { DEFAULT_POSTURE_MODEL_DIR, loadPostureModel } from './posture-model.js';

const BATCH = 1000;

/** µs per window of batched inference (a batch of 1000 windows per call), median of repeats. */
async function microsPerWindow(backend: BackendName): Promise<{ value: number; batches: number }> {
  const model = await loadPostureModel(DEFAULT_POSTURE_MODEL_DIR, { backend });
  // Plausible inputs: the training mean plus noise of one standard deviation.
  const { mean, std } = model.metadata.normalisation;
  const x = new Float32Array(BATCH * FEATURE_COUNT).map(
    (_, i) =>
      (mean[i % FEATURE_COUNT] as number) + Math.sin(i * 12.9898) * (std[i % FEATURE_COUNT] as number),
  );
  for (let i = 0; i < 5; i++) model.predict(x);
  const times: number[] = [];
  const until = performance.now() + 3000;
  while (performance.now() < until || times.length < 10) {
    const t0 = performance.now();
    model.predict(x);
    times.push(performance.now() - t0);
  }
  model.dispose();
  times.sort((a, b) => a - b);
  return { value: ((times[times.length >> 1] as number) * 1000) / BATCH, batches: times.length };
}

export default async function bench() {
  const wasm = await microsPerWindow('wasm');
  const cpu = await microsPerWindow('cpu');
  const weights = await stat(join(DEFAULT_POSTURE_MODEL_DIR, 'weights.bin'));
  return [
    {
      name: 'posture model inference, wasm, batched',
      value: wasm.value,
      unit: 'µs/window',
      higherIsBetter: false,
      target: 50,
      details: { batch: BATCH, batches: wasm.batches, tfjs: tf.version.tfjs },
    },
    {
      name: 'posture model inference, cpu, batched',
      value: cpu.value,
      unit: 'µs/window',
      higherIsBetter: false,
      details: { batch: BATCH, batches: cpu.batches },
    },
    {
      name: 'posture model weights',
      value: weights.size / 1024,
      unit: 'KiB',
      higherIsBetter: false,
      target: 200,
    },
  ];
}
