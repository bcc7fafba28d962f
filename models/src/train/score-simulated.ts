import { FEATURE_COUNT, FEATURE_INDEX } from '@haltung/kinematics';
import type { PostureClass, StrainLevel } from '@haltung/protocol';
import type { LabelledWindows } from '../data/labelled-streams.js';
import { LOW_WORK_MERGE, scoreMerged } from '../eval/merged-scores.js';
import { type ClassifierScores, scoreClassifier } from '../eval/score-predictions.js';
import { isPostureClass, type MappedLabel } from '../labels/label-map.js';
import { OBSERVABLE_CLASSES } from '../labels/observable-classes.js';
import { meanAbsoluteError, scoreClassification } from '../metrics/classification-metrics.js';
import { StrainTracker } from '../strain/strain-tracker.js';
import { classifyWindows, type TrainedPosture } from './train-posture.js';

/** How the model did on simulated workers it never saw, by class, placement, body type and person. */
export interface SimulatedScores {
  body: ClassifierScores;
  bodyUnsmoothed: ClassifierScores;
  /** `body` with stooping and squatting_kneeling scored as one class (see LOW_WORK_MERGE). */
  bodyLowWorkMerged: ClassifierScores;
  arm: ClassifierScores;
  /** Confusion matrix per placement (rows true, columns predicted, over that sensor's classes). */
  confusionByPlacement: Record<string, number[][]>;
  macroF1ByBodyType: Record<string, number>;
  macroF1ByPlacement: Record<string, number>;
  flexionMaeDeg: Record<string, number>;
  strain: { agreement: number; confusion: number[][]; levels: readonly StrainLevel[] };
}

interface Row {
  subject: string;
  label: MappedLabel;
  predicted: PostureClass;
  raw: PostureClass;
  placement: string;
  bodyType: string;
}

const LEVELS: readonly StrainLevel[] = ['low', 'elevated', 'high'];
const isArm = (placement: string) => placement.startsWith('upper_arm');

/**
 * Classifies every held-out stream (smoothed like the runtime, and raw) and scores it against the
 * simulator's truth; the strain level from predicted class and estimated flexion is compared with
 * the level from true posture and true flexion.
 */
export function scoreSimulated(
  trained: TrainedPosture,
  streams: readonly LabelledWindows[],
  classes: readonly PostureClass[],
  smoothingS: number,
): SimulatedScores {
  const rows: Row[] = [];
  const flex: Record<string, [number[], number[]]> = {};
  const strainTruth: StrainLevel[] = [];
  const strainPred: StrainLevel[] = [];
  for (const stream of streams) {
    const { classes: predicted } = classifyWindows(trained, stream, classes, smoothingS);
    const { classes: raw } = classifyWindows(trained, stream, classes);
    const w = stream.windows;
    const truthTracker = new StrainTracker(0.4);
    const predTracker = new StrainTracker(0.4);
    let lastTruth: PostureClass = 'standing';
    predicted.forEach((p, k) => {
      const label = w.label[k] as MappedLabel;
      rows.push({
        subject: stream.person,
        label,
        predicted: p,
        raw: raw[k] as PostureClass,
        placement: stream.placement,
        bodyType: stream.bodyType ?? '',
      });
      flex[stream.placement] ??= [[], []];
      const pair = flex[stream.placement] as [number[], number[]];
      // Lying is left out: its flexion sign depends on which way the wearer lay, the inclination is right.
      // An arm sensor's angle is its elevation from hanging (its signed "flexion" folds past 90°).
      if (isPostureClass(label) && label !== 'lying') {
        pair[0].push(
          isArm(stream.placement)
            ? (w.features[k * FEATURE_COUNT + FEATURE_INDEX.arm_elev_mean_deg] as number)
            : (w.trunkFlexionDeg[k] as number),
        );
        pair[1].push(w.series.trueFlexionDeg?.[k] as number);
      }
      if (isArm(stream.placement)) return;
      if (isPostureClass(label)) lastTruth = label;
      const tEndMs = w.tEndMs[k] as number;
      strainTruth.push(
        truthTracker.push({
          tEndMs,
          posture: lastTruth,
          trunkFlexionDeg: w.series.trueFlexionDeg?.[k] as number,
        }).level,
      );
      strainPred.push(
        predTracker.push({ tEndMs, posture: p, trunkFlexionDeg: w.trunkFlexionDeg[k] as number }).level,
      );
    });
  }
  const bodyRows = rows.filter((r) => !isArm(r.placement));
  const scoredFor = (placements: readonly string[]) =>
    placements.every(isArm) ? OBSERVABLE_CLASSES.arm : OBSERVABLE_CLASSES.body;
  const groupF1 = (key: 'bodyType' | 'placement', from: readonly Row[]) =>
    Object.fromEntries(
      [...new Set(from.map((r) => r[key]))].sort().map((g) => {
        const mine = from.filter((r) => r[key] === g);
        return [
          g,
          scoreClassifier(mine, (r) => r.predicted, scoredFor(mine.map((r) => r.placement))).macroF1,
        ];
      }),
    );
  const strainScore = scoreClassification(strainTruth, strainPred, LEVELS);
  return {
    body: scoreClassifier(bodyRows, (r) => r.predicted, OBSERVABLE_CLASSES.body),
    bodyUnsmoothed: scoreClassifier(bodyRows, (r) => r.raw, OBSERVABLE_CLASSES.body),
    bodyLowWorkMerged: scoreMerged(bodyRows, (r) => r.predicted, OBSERVABLE_CLASSES.body, LOW_WORK_MERGE),
    arm: scoreClassifier(
      rows.filter((r) => isArm(r.placement)),
      (r) => r.predicted,
      OBSERVABLE_CLASSES.arm,
    ),
    confusionByPlacement: Object.fromEntries(
      [...new Set(rows.map((r) => r.placement))].sort().map((p) => {
        const mine = rows.filter((r) => r.placement === p);
        return [p, scoreClassifier(mine, (r) => r.predicted, scoredFor([p])).confusion];
      }),
    ),
    macroF1ByBodyType: groupF1('bodyType', bodyRows),
    macroF1ByPlacement: groupF1('placement', rows),
    flexionMaeDeg: Object.fromEntries(
      Object.entries(flex).map(([placement, [est, truth]]) => [placement, meanAbsoluteError(est, truth)]),
    ),
    strain: { agreement: strainScore.accuracy, confusion: strainScore.confusion, levels: LEVELS },
  };
}
