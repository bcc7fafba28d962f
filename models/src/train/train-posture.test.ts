import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulatedWindows } from '../data/simulated-streams.js';
import { selectBackend } from '../runtime/backend.js';
import { classifyWindows, type TrainConfig, trainPosture } from './train-posture.js';

const config: TrainConfig = {
  classes: ['standing', 'walking', 'stooping', 'squatting_kneeling'],
  hidden: [8],
  l2: 1e-4,
  epochs: 2,
  rowsPerEpoch: 256,
  batchSize: 64,
  learningRate: 1e-2,
  seed: 7,
  stride: 2,
};

describe('trainPosture (tiny smoke run)', () => {
  let streams: ReturnType<typeof simulatedWindows>;
  beforeAll(async () => {
    await selectBackend('cpu');
    streams = simulatedWindows({ seed: 1, workers: 2, seconds: 40 });
  });

  it('is reproducible: the same seed gives the same weights', async () => {
    const a = await trainPosture(streams, config);
    const b = await trainPosture(streams, config);
    const wa = a.model.getWeights().map((t) => Array.from(t.dataSync()));
    const wb = b.model.getWeights().map((t) => Array.from(t.dataSync()));
    expect(wa).toEqual(wb);
    const c = await trainPosture(streams, { ...config, seed: 8 });
    expect(c.model.getWeights().map((t) => Array.from(t.dataSync()))).not.toEqual(wa);
    for (const m of [a, b, c]) m.model.dispose();
  });

  it('averages members trained from other seeds, the first being the single network of the same seed', async () => {
    const single = await trainPosture(streams, config);
    const pair = await trainPosture(streams, { ...config, members: 2 });
    expect(pair.model.countParams()).toBe(2 * single.model.countParams());
    const stream = streams[0];
    if (!stream) throw new Error('no stream');
    const x = tf.tensor2d(stream.windows.modelFeatures.slice(0, 10 * pair.norm.mean.length), [
      10,
      pair.norm.mean.length,
    ]);
    // The pair's first member holds the single network's weights (the same seed, the same draws).
    single.model.layers.forEach((layer, l) => {
      const copy = pair.model.getLayer(`member0_dense${l}`);
      expect(copy.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(
        layer.getWeights().map((t) => Array.from(t.dataSync())),
      );
    });
    const p = (pair.model.predict(x) as tf.Tensor).arraySync() as number[][];
    for (const row of p) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    x.dispose();
    single.model.dispose();
    pair.model.dispose();
  });

  it('gives a class for every window without leaking tensors', async () => {
    const trained = await trainPosture(streams, config);
    const before = tf.memory().numTensors;
    const stream = streams[0];
    if (!stream) throw new Error('no stream');
    const out = classifyWindows(trained, stream, config.classes);
    expect(out.classes).toHaveLength(stream.windows.count);
    expect(tf.memory().numTensors).toBe(before);
    trained.model.dispose();
  });
});
