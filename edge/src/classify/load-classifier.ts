import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CANONICAL_RATE_HZ, MODEL_FEATURE_NAMES } from '@haltung/kinematics';
import { DEFAULT_POSTURE_MODEL_DIR, loadPostureModel } from '@haltung/models';
import type { Logger } from 'pino';
import { createHeuristicClassifier } from './heuristic-classifier.js';
import { modelClassifier } from './model-classifier.js';
import type { PostureClassifier } from './posture-classifier.js';

/**
 * The posture model from `modelDir` (default: the one shipped in models/artifacts/posture), checked
 * against the features and sample rate this edge computes. A model named explicitly must load; if
 * the shipped one is absent the agent says so loudly and uses the heuristic fallback, and its
 * summaries carry `modelVersion: heuristic-1`.
 */
export async function loadClassifier(modelDir: string | undefined, log: Logger): Promise<PostureClassifier> {
  const dir = modelDir ?? DEFAULT_POSTURE_MODEL_DIR;
  if (!modelDir && !existsSync(join(dir, 'metadata.json'))) {
    log.warn({ dir }, 'no posture model found: using the angle heuristic (heuristic-1)');
    return createHeuristicClassifier();
  }
  const model = await loadPostureModel(dir, { expectFeatureNames: MODEL_FEATURE_NAMES });
  if (model.metadata.canonicalRateHz !== CANONICAL_RATE_HZ) {
    model.dispose();
    throw new Error(
      `model in ${dir} expects ${model.metadata.canonicalRateHz} Hz, the edge resamples to ${CANONICAL_RATE_HZ} Hz`,
    );
  }
  const classifier = modelClassifier(model);
  log.info({ dir, version: classifier.modelVersion, backend: model.backend }, 'posture model loaded');
  return classifier;
}
