import { type ClassifierScores, scoreClassifier } from './score-predictions.js';

/** Classes scored as one: the merged class's name and the classes it stands for. */
export type ClassMerge = Readonly<Record<string, readonly string[]>>;

/**
 * Stooping and squatting/kneeling with the same trunk lean: one trunk or pelvis IMU sees the same
 * orientation (the knees are not measured), so a window held still cannot tell them apart.
 */
export const LOW_WORK_MERGE: ClassMerge = { stooping_or_squatting: ['stooping', 'squatting_kneeling'] };

/**
 * Scores a classifier with some classes merged (truth and prediction both mapped), to show how much
 * of the error is between classes the sensor cannot separate. The merged class takes the place of
 * the first class it stands for in the class order.
 */
export function scoreMerged<R extends { subject: string; label: string }>(
  rows: readonly R[],
  pick: (r: R) => string,
  classes: readonly string[],
  merge: ClassMerge,
): ClassifierScores {
  const into = new Map<string, string>();
  for (const [name, members] of Object.entries(merge)) for (const m of members) into.set(m, name);
  const map = (c: string) => into.get(c) ?? c;
  const merged = [...new Set(classes.map(map))];
  return scoreClassifier(
    rows.map((r) => ({ subject: r.subject, label: map(r.label), predicted: map(pick(r)) })),
    (r) => r.predicted,
    merged,
  );
}
