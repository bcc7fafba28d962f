import { POSTURE_CLASSES } from '@haltung/protocol';
import { ACTIVITIES, type TruthBlock } from '../types.js';
import { NO_TRANSITION } from './synthetic-worker.js';

/** Which ground truth becomes the CSV `label`. */
export type LabelKind = 'activity' | 'posture';

/**
 * Label per sample: the activity (transitions spelled `standing_to_sitting`, like HAPT's
 * STAND_TO_SIT) or the posture class the model should report.
 */
export function truthLabels(truth: TruthBlock, count: number, kind: LabelKind): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    if (kind === 'posture') {
      out[i] = POSTURE_CLASSES[truth.posture[i] as number] as string;
      continue;
    }
    const from = truth.transitionFrom[i] as number;
    out[i] =
      from === NO_TRANSITION
        ? (ACTIVITIES[truth.activity[i] as number] as string)
        : transitionLabel(from, truth.transitionTo[i] as number);
  }
  return out;
}

const cache = new Map<number, string>();
function transitionLabel(from: number, to: number): string {
  const key = from * 256 + to;
  let label = cache.get(key);
  if (label === undefined) {
    label = `${ACTIVITIES[from]}_to_${ACTIVITIES[to]}`;
    cache.set(key, label);
  }
  return label;
}
