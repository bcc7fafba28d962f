/** Precision, recall and F1 of one class; `support` is the number of true windows of the class. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Scores of one classifier on one set of windows. */
export interface ClassificationReport {
  classes: readonly string[];
  /** confusion[true][predicted], indices into `classes`. */
  confusion: number[][];
  perClass: Record<string, ClassScores>;
  /** Unweighted mean F1 over the classes that have support (true windows). */
  macroF1: number;
  accuracy: number;
  count: number;
}

/**
 * Scores predictions against truth over `classes`. Windows whose truth is not one of `classes` are
 * skipped; a prediction outside `classes` counts as wrong (it lands in no column). Precision of a class
 * never predicted is 0, and F1 is 0 when precision and recall are both 0 (the sklearn convention).
 */
export function scoreClassification(
  truth: readonly string[],
  predicted: readonly string[],
  classes: readonly string[],
): ClassificationReport {
  if (truth.length !== predicted.length) {
    throw new Error(`truth has ${truth.length} labels but predicted has ${predicted.length}`);
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const confusion = classes.map(() => classes.map(() => 0));
  const predictedCount = classes.map(() => 0);
  let count = 0;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = index.get(truth[i] as string);
    if (t === undefined) continue;
    count++;
    const p = index.get(predicted[i] as string);
    if (p === undefined) continue;
    (confusion[t] as number[])[p] = ((confusion[t] as number[])[p] as number) + 1;
    predictedCount[p] = (predictedCount[p] as number) + 1;
    if (p === t) correct++;
  }
  const perClass: Record<string, ClassScores> = {};
  let f1Sum = 0;
  let supported = 0;
  classes.forEach((c, k) => {
    const row = confusion[k] as number[];
    const support = row.reduce((a, b) => a + b, 0) + missedOutside(truth, predicted, c, index);
    const tp = row[k] as number;
    const predictedK = predictedCount[k] as number;
    const precision = predictedK > 0 ? tp / predictedK : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support };
    if (support > 0) {
      f1Sum += f1;
      supported++;
    }
  });
  return {
    classes,
    confusion,
    perClass,
    macroF1: supported > 0 ? f1Sum / supported : 0,
    accuracy: count > 0 ? correct / count : 0,
    count,
  };
}

/** True windows of class `c` predicted as something outside the scored classes. */
function missedOutside(
  truth: readonly string[],
  predicted: readonly string[],
  c: string,
  index: ReadonlyMap<string, number>,
): number {
  let n = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === c && !index.has(predicted[i] as string)) n++;
  }
  return n;
}

/** Worst, median (mean of the middle two for an even count) and best of a per-subject figure. */
export interface Spread {
  worst: { subject: string; value: number };
  median: number;
  best: { subject: string; value: number };
}

/** Summarises a per-subject figure; `undefined` for no subjects. */
export function spread(bySubject: Readonly<Record<string, number>>): Spread | undefined {
  const rows = Object.entries(bySubject).sort((a, b) => a[1] - b[1]);
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return undefined;
  const mid = rows.length / 2;
  const median =
    rows.length % 2 === 1
      ? (rows[Math.floor(mid)] as [string, number])[1]
      : ((rows[mid - 1] as [string, number])[1] + (rows[mid] as [string, number])[1]) / 2;
  return {
    worst: { subject: first[0], value: first[1] },
    median,
    best: { subject: last[0], value: last[1] },
  };
}

/** Mean absolute error of two equally long series, ignoring pairs where either is NaN. */
export function meanAbsoluteError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (Number.isNaN(d)) continue;
    sum += Math.abs(d);
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}
