import { DEFAULT_HOP_SAMPLES, DEFAULT_WINDOW_SAMPLES, FEATURE_INDEX as F } from '@haltung/kinematics';
import type { PostureClass } from '@haltung/protocol';
import type { PostureClassifier } from './posture-classifier.js';

/**
 * A transparent fallback when no trained model is available: posture from the window's angles and
 * gait share. It cannot tell sitting from standing or see squatting (a trunk sensor alone cannot,
 * see the ergonomics reference §4), so summaries made with it say `modelVersion: heuristic-1`.
 */
export function createHeuristicClassifier(): PostureClassifier {
  return {
    modelVersion: 'heuristic-1',
    window: { lengthSamples: DEFAULT_WINDOW_SAMPLES, hopSamples: DEFAULT_HOP_SAMPLES },
    classify: (features) => features.map(classifyOne),
    dispose: () => {},
  };
}

function classifyOne(f: Float32Array): PostureClass {
  const get = (i: number) => f[i] as number;
  if (get(F.is_arm) > 0.5) {
    if (get(F.arm_over_90_frac) > 0.5) return 'overhead';
    return get(F.walking_frac) > 0.5 ? 'walking' : 'standing';
  }
  if (get(F.walking_frac) > 0.5) return 'walking';
  const incl = get(F.incl_mean_deg);
  if (incl > 65 && get(F.still_frac) > 0.5) return 'lying';
  if (get(F.flex_mean_deg) >= 45 || incl >= 45) return 'stooping';
  return 'standing';
}
