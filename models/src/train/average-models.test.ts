import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../runtime/backend.js';
import { fileLoadHandler, fileSaveHandler } from '../runtime/file-io.js';
import { averageModels } from './average-models.js';
import { buildMlp } from './mlp.js';

const shape = { inputs: 5, hidden: [6, 4], outputs: 3, l2: 0 };
const rows = Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => Math.sin(i * 5 + j)));
const probs = (model: tf.LayersModel) =>
  tf.tidy(() => (model.predict(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][]);

describe('averageModels', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it("gives the mean of the members' probabilities, and still does after a save and a load", async () => {
    const members = [buildMlp({ ...shape, seed: 1 }), buildMlp({ ...shape, seed: 1001 })];
    const [a, b] = members.map(probs) as [number[][], number[][]];
    expect(a).not.toEqual(b);
    const mean = averageModels(members, shape.inputs);
    for (const m of members) m.dispose();
    const expected = a.map((row, i) => row.map((p, j) => (p + (b[i]?.[j] as number)) / 2));
    const got = probs(mean);
    got.forEach((row, i) => {
      row.forEach((p, j) => {
        expect(p).toBeCloseTo(expected[i]?.[j] as number, 6);
      });
    });
    expect(mean.countParams()).toBe(2 * (5 * 6 + 6 + 6 * 4 + 4 + 4 * 3 + 3));
    const dir = await mkdtemp(join(tmpdir(), 'haltung-average-'));
    try {
      await mean.save(fileSaveHandler(dir));
      const loaded = await tf.loadLayersModel(fileLoadHandler(dir));
      loaded.layers.forEach((layer) => {
        expect(['InputLayer', 'Dense', 'Average']).toContain(layer.getClassName());
      });
      probs(loaded).forEach((row, i) => {
        row.forEach((p, j) => {
          expect(p).toBeCloseTo(got[i]?.[j] as number, 6);
        });
      });
      loaded.dispose();
    } finally {
      mean.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses fewer than two members', () => {
    expect(() => averageModels([], 5)).toThrow(/two members or more, got 0/);
    const one = buildMlp({ ...shape, seed: 1 });
    expect(() => averageModels([one], 5)).toThrow(/got 1/);
    one.dispose();
  });
});
