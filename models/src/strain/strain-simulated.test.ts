import { FEATURE_INDEX, FEATURE_NAMES, MODEL_FEATURE_NAMES } from '@haltung/kinematics';
import { POSTURE_CLASSES, type PostureClass, type StrainLevel } from '@haltung/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowStream } from '../data/recording-windows.js';
import { isPostureClass, type MappedLabel } from '../labels/label-map.js';
import { DEFAULT_POSTURE_MODEL_DIR, loadPostureModel, type PostureModel } from '../runtime/posture-model.js';
import { PostureSmoother } from '../runtime/posture-smoother.js';
import { scriptedStream } from '../testing/scripted-stream.js';
import { StrainTracker } from './strain-tracker.js';

let model: PostureModel;
beforeAll(async () => {
  model = await loadPostureModel(DEFAULT_POSTURE_MODEL_DIR, {
    backend: 'cpu',
    expectFeatureNames: MODEL_FEATURE_NAMES,
  });
});
afterAll(() => model.dispose());

/** Strain per window from the simulator's truth, and from what the model and kinematics estimate. */
function strainBothWays(
  seed: number,
  script: Parameters<typeof scriptedStream>[0]['script'],
  seconds: number,
) {
  const w = windowStream(scriptedStream({ seed, script, seconds }), { placement: 'trunk' });
  const smoother = new PostureSmoother(model.metadata.classes, model.metadata.smoothingS);
  const predicted = model
    .predict(w.modelFeatures)
    .map((p, k) => smoother.push(w.tEndMs[k] as number, p.probabilities));
  const truthTracker = new StrainTracker(model.metadata.hopS);
  const estTracker = new StrainTracker(model.metadata.hopS);
  let last: PostureClass = POSTURE_CLASSES[0];
  const truth: StrainLevel[] = [];
  const estimated: StrainLevel[] = [];
  predicted.forEach((p, k) => {
    const label = w.label[k] as MappedLabel;
    if (isPostureClass(label)) last = label;
    const tEndMs = w.tEndMs[k] as number;
    truth.push(
      truthTracker.push({ tEndMs, posture: last, trunkFlexionDeg: w.series.trueFlexionDeg?.[k] as number })
        .level,
    );
    const f = w.features.subarray(k * FEATURE_NAMES.length, (k + 1) * FEATURE_NAMES.length);
    estimated.push(
      estTracker.push({
        tEndMs,
        posture: p.class,
        trunkFlexionDeg: w.trunkFlexionDeg[k] as number,
        peakTrunkFlexionDeg: f[FEATURE_INDEX.flex_max_deg] as number,
      }).level,
    );
  });
  return { truth, estimated, tEndMs: w.tEndMs };
}

describe('strain level against the simulator ground truth', () => {
  it('rises from low to high when a deep stoop is held past 10 s, from truth and from estimates alike', () => {
    const { truth, estimated, tEndMs } = strainBothWays(
      21,
      [
        { activity: 'standing', durationS: 8 },
        { activity: 'walking', durationS: 12 },
        { activity: 'standing', durationS: 6 },
        { activity: 'stoop_bend', durationS: 30, params: { depthDeg: 75 } },
        { activity: 'standing', durationS: 20 },
      ],
      70,
    );
    const at = (levels: StrainLevel[], tS: number) => levels[tEndMs.findIndex((t) => t >= tS * 1000)];
    for (const levels of [truth, estimated]) {
      expect(at(levels, 15)).toBe('low');
      expect(levels.slice(0, levels.length / 2)).toContain('elevated');
      expect(levels).toContain('high');
    }
    const agree = truth.filter((l, i) => l === estimated[i]).length / truth.length;
    expect(agree).toBeGreaterThanOrEqual(0.85);
  });

  it('stays low through standing, walking and sitting', () => {
    const { truth, estimated } = strainBothWays(
      22,
      [
        { activity: 'standing', durationS: 10 },
        { activity: 'walking', durationS: 20 },
        { activity: 'sitting', durationS: 20 },
      ],
      50,
    );
    expect(truth.filter((l) => l !== 'low').length / truth.length).toBeLessThan(0.1);
    expect(estimated.filter((l) => l !== 'low').length / estimated.length).toBeLessThan(0.1);
  });
});
