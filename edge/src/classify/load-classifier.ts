import type { Logger } from 'pino';
import { createHeuristicClassifier } from './heuristic-classifier.js';
import type { PostureClassifier } from './posture-classifier.js';

/**
 * The shipped posture model when it can be loaded (`@haltung/models`), else the heuristic
 * fallback, said loudly: summaries then carry `modelVersion: heuristic-1`.
 */
export async function loadClassifier(modelDir: string | undefined, log: Logger): Promise<PostureClassifier> {
  log.warn({ modelDir }, 'no posture model wired in yet: using the angle heuristic (heuristic-1)');
  return createHeuristicClassifier();
}
