import {
  extractFeatures,
  type PostureSample,
  PostureTracker,
  WindowContext,
  Windower,
} from '@haltung/kinematics';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { syntheticFrames } from '../testing/synthetic-frames.js';
import { loadClassifier } from './load-classifier.js';

function windowsOf(flexDeg: number): Float32Array[] {
  const tracker = new PostureTracker({ placement: 'trunk' });
  const windower = new Windower<PostureSample>();
  const steps = [
    { durationS: 6, flexDeg: 2 },
    { durationS: 12, flexDeg },
  ];
  const samples = syntheticFrames({ t0Ms: 0, steps }).flatMap((f) => tracker.pushFrame(f));
  // Each window with its context, as the device pipeline feeds the model; the last ones are well
  // inside the held posture.
  const context = new WindowContext();
  return windower
    .pushAll(samples)
    .map((w) => {
      const last = w.at(-1) as PostureSample;
      return context.extend(extractFeatures(w), last.tMs, last.segment);
    })
    .slice(-10);
}

describe('loadClassifier', () => {
  it('loads the shipped posture model and classifies a batch of windows in one call', async () => {
    const classifier = await loadClassifier(undefined, pino({ level: 'silent' }));
    try {
      expect(classifier.modelVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(classifier.modelVersion).not.toBe('heuristic-1');
      expect(classifier.window).toEqual({ lengthSamples: 50, hopSamples: 10 });
      const upright = windowsOf(2);
      const bent = windowsOf(70);
      const classes = classifier.classify([...upright, ...bent]);
      expect(classes).toHaveLength(20);
      expect(classes.slice(0, 10)).toEqual(Array(10).fill('standing'));
      // A motionless 70° bend (no hands at work) is not standing; which low posture the model
      // calls it is the model's business, the edge only counts it.
      expect(classes.slice(10).filter((c) => c === 'standing')).toEqual([]);
      expect(classifier.classify(bent)).toEqual(classes.slice(10)); // batching does not change results
      expect(classifier.classify([])).toEqual([]);
    } finally {
      classifier.dispose();
    }
  });

  it('refuses a model directory that does not hold a model', async () => {
    await expect(loadClassifier('/no/such/model', pino({ level: 'silent' }))).rejects.toThrow(
      /metadata\.json/,
    );
  });
});
