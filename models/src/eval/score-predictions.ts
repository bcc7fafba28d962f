import { POSTURE_CLASSES } from '@haltung/protocol';
import { isPostureClass } from '../labels/label-map.js';
import {
  type ClassificationReport,
  type Spread,
  scoreClassification,
  spread,
} from '../metrics/classification-metrics.js';
import type { WindowPrediction } from './predict-stream.js';

/** Scores of one classifier (the model or the baseline) on a set of windows. */
export interface ClassifierScores extends ClassificationReport {
  perSubject: Record<string, { accuracy: number; macroF1: number; windows: number }>;
  subjectAccuracy?: Spread;
  subjectMacroF1?: Spread;
}

/** What `npm run evaluate` reports: the model and the baseline on the same windows. */
export interface EvaluationReport {
  /** Scored classes: the Haltung classes that occur in the data's labels. */
  classes: string[];
  windows: { total: number; scored: number; transition: number; unknown: number };
  model: ClassifierScores;
  baseline: ClassifierScores;
}

/** Scores one classifier over `classes`, overall and per subject. */
export function scoreClassifier<R extends { subject: string; label: string }>(
  rows: readonly R[],
  pick: (r: R) => string,
  classes: readonly string[],
): ClassifierScores {
  const overall = scoreClassification(
    rows.map((r) => r.label),
    rows.map(pick),
    classes,
  );
  const bySubject = new Map<string, R[]>();
  for (const r of rows) {
    const list = bySubject.get(r.subject);
    if (list) list.push(r);
    else bySubject.set(r.subject, [r]);
  }
  const perSubject: ClassifierScores['perSubject'] = {};
  for (const [s, mine] of bySubject) {
    const rep = scoreClassification(
      mine.map((r) => r.label),
      mine.map(pick),
      classes,
    );
    if (rep.count > 0) perSubject[s] = { accuracy: rep.accuracy, macroF1: rep.macroF1, windows: rep.count };
  }
  const subjectAccuracy = spread(
    Object.fromEntries(Object.entries(perSubject).map(([s, v]) => [s, v.accuracy])),
  );
  const subjectMacroF1 = spread(
    Object.fromEntries(Object.entries(perSubject).map(([s, v]) => [s, v.macroF1])),
  );
  return {
    ...overall,
    perSubject,
    ...(subjectAccuracy && { subjectAccuracy }),
    ...(subjectMacroF1 && { subjectMacroF1 }),
  };
}

/** Scores model and baseline over the classes present in the truth, overall and per subject. */
export function scorePredictions(
  rows: readonly WindowPrediction[],
  classes?: readonly string[],
): EvaluationReport {
  const present = new Set(rows.map((r) => r.label).filter(isPostureClass));
  const scored = classes ?? POSTURE_CLASSES.filter((c) => present.has(c));
  const model = scoreClassifier(rows, (r) => r.class, scored);
  return {
    classes: [...scored],
    windows: {
      total: rows.length,
      scored: model.count,
      transition: rows.filter((r) => r.label === 'transition').length,
      unknown: rows.filter((r) => r.label === 'unknown').length,
    },
    model,
    baseline: scoreClassifier(rows, (r) => r.baseline, scored),
  };
}
