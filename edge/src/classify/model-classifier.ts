import type { PostureClass } from '@haltung/protocol';
import type { PostureClassifier } from './posture-classifier.js';

/** What the edge needs of a loaded `@haltung/models` posture model. */
export interface PredictingModel {
  readonly metadata: { version: string; windowS: number; hopS: number; canonicalRateHz: number };
  predict(features: readonly ArrayLike<number>[]): Array<{ class: PostureClass }>;
  dispose(): void;
}

/** Adapts a loaded posture model to the classifier stage (one `predict` per tick, all devices). */
export function modelClassifier(model: PredictingModel): PostureClassifier {
  const { version, windowS, hopS, canonicalRateHz } = model.metadata;
  const modelVersion =
    version
      .toLowerCase()
      .replace(/[^a-z0-9.+-]/g, '-')
      .slice(0, 32) || 'unknown';
  return {
    modelVersion,
    window: {
      lengthSamples: Math.round(windowS * canonicalRateHz),
      hopSamples: Math.max(1, Math.round(hopS * canonicalRateHz)),
    },
    classify: (features) => (features.length === 0 ? [] : model.predict(features).map((p) => p.class)),
    dispose: () => model.dispose(),
  };
}
