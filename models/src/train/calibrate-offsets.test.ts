import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../runtime/backend.js';
import { averageModels } from './average-models.js';
import { addClassOffsets, memberProbabilities } from './calibrate-offsets.js';
import { buildMlp } from './mlp.js';

const shape = { inputs: 5, hidden: [6, 4], outputs: 3, l2: 0 };
const n = 4;
const x = Float32Array.from({ length: n * 5 }, (_, i) => Math.sin(i));
const probs = (model: tf.LayersModel) =>
  tf.tidy(() => (model.predict(tf.tensor2d(x, [n, 5])) as tf.Tensor).arraySync() as number[][]);
const softmax = (z: number[]) => {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
};

describe('class offsets on a model', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it("shift every member's logits: the ensemble gives the mean of softmax(log p + offsets)", () => {
    const members = [buildMlp({ ...shape, seed: 1 }), buildMlp({ ...shape, seed: 1001 })];
    const model = averageModels(members, shape.inputs);
    for (const m of members) m.dispose();
    const before = memberProbabilities(model, x, n, 5);
    expect(before).toHaveLength(2);
    const offsets = [0.5, 0, -1];
    addClassOffsets(model, offsets);
    const got = probs(model);
    for (let i = 0; i < n; i++) {
      const mean = [0, 0, 0];
      for (const p of before) {
        const shifted = softmax(
          [0, 1, 2].map((j) => Math.log(p[i * 3 + j] as number) + (offsets[j] as number)),
        );
        shifted.forEach((v, j) => {
          mean[j] = (mean[j] as number) + v / before.length;
        });
      }
      mean.forEach((v, j) => {
        expect(got[i]?.[j]).toBeCloseTo(v, 5);
      });
    }
    model.dispose();
  });

  it('work on a single network too, and refuse offsets of the wrong length', () => {
    const model = buildMlp({ ...shape, seed: 3 });
    const [p] = memberProbabilities(model, x, n, 5) as [Float32Array];
    addClassOffsets(model, [0, 2, 0]);
    const got = probs(model);
    const expected = softmax([0, 1, 2].map((j) => Math.log(p[j] as number) + (j === 1 ? 2 : 0)));
    expected.forEach((v, j) => {
      expect(got[0]?.[j]).toBeCloseTo(v, 5);
    });
    expect(() => addClassOffsets(model, [1, 2])).toThrow(/no bias of 2 classes/);
    model.dispose();
  });
});
