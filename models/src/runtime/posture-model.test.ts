import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MODEL_FEATURE_COUNT as FEATURE_COUNT,
  MODEL_FEATURE_NAMES as FEATURE_NAMES,
} from '@haltung/kinematics';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowStream } from '../data/recording-windows.js';
import { scriptedStream } from '../testing/scripted-stream.js';
import { DEFAULT_POSTURE_MODEL_DIR, loadPostureModel, type PostureModel } from './posture-model.js';
import { PostureSmoother } from './posture-smoother.js';

let model: PostureModel;
beforeAll(async () => {
  model = await loadPostureModel(DEFAULT_POSTURE_MODEL_DIR, {
    backend: 'cpu',
    expectFeatureNames: FEATURE_NAMES,
  });
});
afterAll(() => model.dispose());

describe('the shipped posture model', () => {
  it('loads from disk with metadata that matches the kinematics features', () => {
    expect(model.metadata.featureNames).toEqual([...FEATURE_NAMES]);
    expect(model.metadata.classes).toContain('stooping');
    expect(model.metadata.windowS).toBe(2);
    expect(model.backend).toBe('cpu');
  });

  it.each([
    ['with', true],
    ['without', false],
  ])('classifies a simulated stoop as stooping, %s a gyroscope', (_, gyroscope) => {
    const stream = scriptedStream({
      seed: 11,
      seconds: 60,
      script: [
        { activity: 'standing', durationS: 8 },
        { activity: 'walking', durationS: 12 },
        { activity: 'standing', durationS: 5 },
        { activity: 'stoop_bend', durationS: 30, params: { depthDeg: 90 } },
      ],
    });
    const windows = windowStream(gyroscope ? stream : { ...stream, gyro: null }, { placement: 'trunk' });
    const smoother = new PostureSmoother(model.metadata.classes, model.metadata.smoothingS);
    const predicted = model
      .predict(windows.modelFeatures)
      .map((p, k) => smoother.push(windows.tEndMs[k] as number, p.probabilities));
    const stoopWindows = predicted.filter((_, k) => windows.label[k] === 'stooping');
    expect(stoopWindows.length).toBeGreaterThan(20);
    const share = stoopWindows.filter((p) => p.class === 'stooping').length / stoopWindows.length;
    expect(share).toBeGreaterThanOrEqual(0.8);
  });

  it('classifies a batch exactly like one window at a time, with probabilities summing to 1', () => {
    const stream = scriptedStream({ seed: 3, seconds: 20, script: [{ activity: 'walking', durationS: 20 }] });
    const windows = windowStream(stream, { placement: 'pelvis' });
    const batch = model.predictProbabilities(windows.modelFeatures);
    const k = model.metadata.classes.length;
    for (const i of [0, 7, windows.count - 1]) {
      const one = model.predictProbabilities(
        windows.modelFeatures.slice(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT),
      );
      for (let c = 0; c < k; c++) expect(one[c]).toBeCloseTo(batch[i * k + c] as number, 5);
      expect(one.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    const rows = Array.from({ length: 3 }, (_, i) =>
      windows.modelFeatures.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT),
    );
    expect(model.predict(rows).map((p) => p.class)).toEqual(
      model.predict(windows.modelFeatures.slice(0, 3 * FEATURE_COUNT)).map((p) => p.class),
    );
  });

  it('leaks no tensors over many batched calls', () => {
    const x = new Float32Array(256 * FEATURE_COUNT).map((_, i) => Math.sin(i));
    model.predict(x);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) model.predict(x);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses feature vectors of the wrong length, naming the window', () => {
    expect(() => model.predict([new Float32Array(FEATURE_COUNT), new Float32Array(3)])).toThrow(
      /window 1 has 3 features/,
    );
  });

  it('gives the same classes on the wasm backend', async () => {
    const x = new Float32Array(64 * FEATURE_COUNT).map((_, i) => Math.cos(i) * 20);
    const onCpu = model.predictProbabilities(x);
    const wasm = await loadPostureModel(DEFAULT_POSTURE_MODEL_DIR, { backend: 'wasm' });
    try {
      expect(wasm.backend).toBe('wasm');
      const onWasm = wasm.predictProbabilities(x);
      for (let i = 0; i < onCpu.length; i++) expect(onWasm[i]).toBeCloseTo(onCpu[i] as number, 4);
    } finally {
      wasm.dispose();
      await tf.setBackend('cpu');
    }
  });
});

describe('loadPostureModel', () => {
  it('fails clearly when the model folder does not exist', async () => {
    await expect(loadPostureModel('/nonexistent/model', { backend: 'cpu' })).rejects.toThrow(
      /cannot read \/nonexistent\/model\/metadata.json/,
    );
  });

  it('refuses a model trained on other features than the caller computes', async () => {
    await expect(
      loadPostureModel(DEFAULT_POSTURE_MODEL_DIR, { backend: 'cpu', expectFeatureNames: ['a', 'b'] }),
    ).rejects.toThrow(/trained on features .* but the caller computes \[a, b\]/);
  });

  it('refuses invalid metadata, listing what is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'haltung-model-'));
    try {
      await cp(DEFAULT_POSTURE_MODEL_DIR, dir, { recursive: true });
      const meta = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
      meta.classes = ['standing', 'dancing'];
      meta.normalisation.std[0] = 0;
      await writeFile(join(dir, 'metadata.json'), JSON.stringify(meta));
      await expect(loadPostureModel(dir, { backend: 'cpu' })).rejects.toThrow(
        /unknown class "dancing".*normalisation/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
