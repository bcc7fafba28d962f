import type { SensorPlacement } from '@haltung/kinematics';
import { FEATURE_INDEX } from '@haltung/kinematics';
import type { PostureClass, StrainLevel } from '@haltung/protocol';
import { type SensorStream, windowStream } from '../data/recording-windows.js';
import { isPostureClass, type MappedLabel } from '../labels/label-map.js';
import { observableClass } from '../labels/observable-classes.js';
import type { PostureModel } from '../runtime/posture-model.js';
import { PostureSmoother } from '../runtime/posture-smoother.js';
import { StrainTracker } from '../strain/strain-tracker.js';
import { InclinationBaseline } from './inclination-baseline.js';

/** What the sensor can tell of the true class (a trunk sensor cannot see overhead work, see observableClass). */
const observable = (placement: SensorPlacement, label: MappedLabel): MappedLabel =>
  isPostureClass(label) ? observableClass(placement, label) : label;

/** One classified window, as `--predictions` writes it. */
export interface WindowPrediction {
  file: string;
  subject: string;
  /** The dataset's label mapped to a Haltung class (`transition`/`unknown` are not scored). */
  label: MappedLabel;
  /** End of the window, ms from the start of the recording. */
  tMs: number;
  class: PostureClass;
  confidence: number;
  trunkFlexionDeg: number;
  strain: StrainLevel;
  /** What the inclination baseline says for the same window. */
  baseline: PostureClass;
}

/**
 * Classifies every window of one stream with the model (one batch, then the causal smoothing the
 * model was evaluated with, as the edge does) and with the baseline, and rates strain.
 */
export function predictStream(
  model: PostureModel,
  stream: SensorStream,
  meta: { file: string; subject: string; placement: SensorPlacement },
): WindowPrediction[] {
  const windows = windowStream(stream, { placement: meta.placement });
  const smoother = new PostureSmoother(model.metadata.classes, model.metadata.smoothingS);
  const predictions = model
    .predict(windows.modelFeatures)
    .map((p, k) => smoother.push(windows.tEndMs[k] as number, p.probabilities));
  const baseline = new InclinationBaseline(stream.tMs, stream.acc);
  const strain = new StrainTracker(model.metadata.hopS);
  const d = windows.features.length / Math.max(1, windows.count);
  return predictions.map((p, k) => {
    const f = windows.features.subarray(k * d, (k + 1) * d);
    const isArm = (f[FEATURE_INDEX.is_arm] as number) > 0;
    // An arm sensor's angle is arm elevation, not trunk flexion.
    const trunkFlexionDeg = isArm ? Number.NaN : (windows.trunkFlexionDeg[k] as number);
    return {
      file: meta.file,
      subject: meta.subject,
      label: observable(meta.placement, windows.label[k] as MappedLabel),
      tMs: windows.tEndMs[k] as number,
      class: p.class,
      confidence: p.confidence,
      trunkFlexionDeg,
      strain: strain.push({
        tEndMs: windows.tEndMs[k] as number,
        posture: p.class,
        trunkFlexionDeg: isArm ? 0 : trunkFlexionDeg,
        ...(!isArm && {
          peakTrunkFlexionDeg: f[FEATURE_INDEX.flex_max_deg] as number,
          peakFlexionRateDegS: f[FEATURE_INDEX.tilt_rate_max_deg_s] as number,
        }),
        ...(isArm && { armElevationDeg: f[FEATURE_INDEX.arm_elev_mean_deg] as number }),
      }).level,
      baseline: baseline.classifyTimes(windows.tStartMs[k] as number, windows.tEndMs[k] as number),
    };
  });
}
