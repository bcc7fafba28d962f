import type { PostureClass } from '@haltung/protocol';

/**
 * The classifier stage: one call classifies every device's ready windows together (batched
 * inference). Implemented by the shipped TF.js model (model-classifier.ts) or, without one, by
 * the documented angle heuristic (heuristic-classifier.ts).
 */
export interface PostureClassifier {
  /** Goes into every summary (`modelVersion`, /^[a-z0-9.+-]{1,32}$/). */
  readonly modelVersion: string;
  /** Window length and hop the classifier was built for, in canonical samples. */
  readonly window: { lengthSamples: number; hopSamples: number };
  /** One class per feature vector (`extractFeatures` output), in order. */
  classify(features: readonly Float32Array[]): PostureClass[];
  dispose(): void;
}
