/**
 * Per-class offsets added to every ensemble member's logits, tuned for macro-F1 on simulated
 * validation workers: people outside the training set, and outside every scored set too.
 *
 * Why: the training draws are class-balanced, which fixes the priors the network's decisions are
 * made against, but not where each class's precision and recall balance on new people. Held-out
 * probabilities showed the same networks over-call lifting and stooping and under-call standing;
 * moving the decision thresholds (not the ranking the network learned) gains F1 on people it never
 * saw. Pure: probabilities in, offsets out (`calibrate-offsets.ts` runs the model).
 */

export interface OffsetTuningInput {
  /** Number of classes (the model's outputs). */
  classes: number;
  /** Each member's softmax outputs, windows × classes, row-major. */
  memberProbabilities: readonly Float32Array[];
  /** Each window's true class index, or −1 for a window that is not scored (a transition). */
  labels: Int32Array;
  /** Each window's group (e.g. 0 body sensors, 1 upper-arm sensors), an index into `scored`. */
  groups: Uint8Array;
  /** The class indices each group is scored over; the objective is the mean of the groups' macro-F1. */
  scored: readonly (readonly number[])[];
}

export interface OffsetTuningOptions {
  /** Step sizes tried in turn, largest first (logit units). */
  steps?: readonly number[];
  /** Passes over the classes per step size. */
  rounds?: number;
  /** A change is kept only if it raises the objective by more than this (not chasing noise). */
  minGain?: number;
  /** Offsets stay within ±this. */
  limit?: number;
}

export interface OffsetTuning {
  offsets: number[];
  before: number;
  after: number;
}

/** Mean over groups of macro-F1 (over each group's scored classes that have true windows). */
export function groupedMacroF1(input: OffsetTuningInput, predicted: Int32Array): number {
  const c = input.classes;
  const g = input.scored.length;
  const tp = new Float64Array(g * c);
  const fp = new Float64Array(g * c);
  const fn = new Float64Array(g * c);
  // A window whose truth its group does not score is skipped, as `scoreClassification` does.
  const scoredMask = new Uint8Array(g * c);
  input.scored.forEach((classes, k) => {
    for (const j of classes) scoredMask[k * c + j] = 1;
  });
  for (let i = 0; i < predicted.length; i++) {
    const t = input.labels[i] as number;
    const o = (input.groups[i] as number) * c;
    if (t < 0 || scoredMask[o + t] === 0) continue;
    const p = predicted[i] as number;
    if (p === t) tp[o + t] = (tp[o + t] as number) + 1;
    else {
      fn[o + t] = (fn[o + t] as number) + 1;
      fp[o + p] = (fp[o + p] as number) + 1;
    }
  }
  let sum = 0;
  for (let k = 0; k < g; k++) {
    let f1Sum = 0;
    let supported = 0;
    for (const j of input.scored[k] as readonly number[]) {
      const i = k * c + j;
      const support = (tp[i] as number) + (fn[i] as number);
      if (support === 0) continue;
      supported++;
      const denominator = 2 * (tp[i] as number) + (fp[i] as number) + (fn[i] as number);
      f1Sum += denominator > 0 ? (2 * (tp[i] as number)) / denominator : 0;
    }
    sum += supported > 0 ? f1Sum / supported : 0;
  }
  return g > 0 ? sum / g : 0;
}

/**
 * The class each window gets with `offsets` added to every member's logits (mean of softmaxes):
 * softmax(z + b)_j = p_j·e^b_j / Σ_k p_k·e^b_k, so the members' probabilities are reweighted
 * (no logarithms or exponentials per window: the search below tries a few hundred offsets).
 */
export function predictWithOffsets(
  input: OffsetTuningInput,
  offsets: readonly number[],
  out = new Int32Array(input.labels.length),
): Int32Array {
  const c = input.classes;
  const w = Float64Array.from(offsets, Math.exp);
  const mean = new Float64Array(c);
  const members = input.memberProbabilities;
  for (let i = 0; i < out.length; i++) {
    const o = i * c;
    mean.fill(0);
    for (const p of members) {
      let total = 0;
      for (let j = 0; j < c; j++) total += (p[o + j] as number) * (w[j] as number);
      // A window all of whose probabilities underflowed to 0 keeps the plain argmax below.
      if (!(total > 0)) continue;
      const scale = 1 / total;
      for (let j = 0; j < c; j++)
        mean[j] = (mean[j] as number) + (p[o + j] as number) * (w[j] as number) * scale;
    }
    let best = 0;
    for (let j = 1; j < c; j++) if ((mean[j] as number) > (mean[best] as number)) best = j;
    out[i] = best;
  }
  return out;
}

/**
 * Coordinate search: for each step size, each class's offset is moved up or down by the step while
 * that raises the objective. Deterministic, and at 0 where nothing is gained (walking and lying,
 * nearly perfect, stay put unless a step clearly helps).
 */
export function tuneClassOffsets(input: OffsetTuningInput, options: OffsetTuningOptions = {}): OffsetTuning {
  const steps = options.steps ?? [0.4, 0.2, 0.1];
  const rounds = options.rounds ?? 3;
  const minGain = options.minGain ?? 1e-4;
  const limit = options.limit ?? 2;
  const n = input.labels.length;
  for (const [m, p] of input.memberProbabilities.entries()) {
    if (p.length !== n * input.classes)
      throw new Error(`member ${m}: ${p.length} probabilities for ${n} windows × ${input.classes} classes`);
  }
  if (input.groups.length !== n) throw new Error(`${input.groups.length} groups for ${n} windows`);
  const scratch = new Int32Array(n);
  const score = (offsets: readonly number[]) =>
    groupedMacroF1(input, predictWithOffsets(input, offsets, scratch));
  const offsets = new Array<number>(input.classes).fill(0);
  const before = score(offsets);
  let best = before;
  for (const step of steps) {
    for (let r = 0; r < rounds; r++) {
      let moved = false;
      for (let j = 0; j < input.classes; j++) {
        for (const direction of [1, -1]) {
          const trial = [...offsets];
          trial[j] = Math.max(-limit, Math.min(limit, (trial[j] as number) + direction * step));
          if (trial[j] === offsets[j]) continue;
          const s = score(trial);
          if (s > best + minGain) {
            best = s;
            offsets[j] = trial[j] as number;
            moved = true;
            break;
          }
        }
      }
      if (!moved) break;
    }
  }
  return { offsets, before, after: best };
}
