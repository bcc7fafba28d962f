import { POSTURE_CLASSES, type PostureClass } from '@haltung/protocol';
import type { Base } from '../body/pose.js';
import type { Activity } from '../types.js';

const P = (c: PostureClass) => POSTURE_CLASSES.indexOf(c);
const STANDING = P('standing');
const WALKING = P('walking');
const SITTING = P('sitting');
const LYING = P('lying');
const STOOPING = P('stooping');
const LOW = P('squatting_kneeling');
const LIFTING = P('lifting');
const OVERHEAD = P('overhead');

/** Trunk inclination from which a bend counts as stooping (ISO 11226: > 20° is not neutral). */
export const STOOP_FROM_DEG = 20;
/** Upper-arm elevation from which arm work counts as overhead (elbow above the shoulder). */
export const OVERHEAD_FROM_DEG = 90;

const BASE_POSTURE: Record<Base, number> = {
  standing: STANDING,
  sitting: SITTING,
  lying: LYING,
  squatting: LOW,
  kneeling: LOW,
};

/**
 * The posture class (index into POSTURE_CLASSES) the model should report for this sample: the
 * activity refined by what the body actually does (a shallow bend is still standing, arm work
 * below the shoulder is not overhead). A transition counts as the posture it is nearer to.
 */
export function postureOf(
  activity: Activity,
  trunkFlexionDeg: number,
  armElevationDeg: number,
  transitionFrom: Base | null,
  transitionTo: Base | null,
  progress: number,
): number {
  switch (activity) {
    case 'walking':
    case 'carrying':
      return WALKING;
    case 'sitting':
      return SITTING;
    case 'lying':
      return LYING;
    case 'squatting':
    case 'kneeling':
      return LOW;
    case 'stoop_lift':
    case 'squat_lift':
      return LIFTING;
    case 'overhead_work':
      return armElevationDeg >= OVERHEAD_FROM_DEG
        ? OVERHEAD
        : trunkFlexionDeg >= STOOP_FROM_DEG
          ? STOOPING
          : STANDING;
    case 'standing':
    case 'stoop_bend':
    case 'trunk_twist':
    case 'side_bend':
      return trunkFlexionDeg >= STOOP_FROM_DEG ? STOOPING : STANDING;
    case 'transition':
      if (!transitionFrom || !transitionTo) return STANDING;
      return BASE_POSTURE[progress < 0.5 ? transitionFrom : transitionTo];
  }
}
