import type { SensorPlacement } from '@haltung/kinematics';
import type { PostureClass } from '@haltung/protocol';

/**
 * What one sensor can tell. A trunk or pelvis sensor cannot see the arms, so overhead work is
 * upright standing to it. An upper-arm sensor sees arm elevation, gait and lying, but a bent trunk,
 * squatting or sitting leave the arm hanging as in standing: to it they are `standing`, read as
 * "arm down, not walking". Training labels and evaluation use these, so no model is asked for what
 * its sensor cannot measure; the edge combines the trunk and arm sensors of one wearer.
 */
export const OBSERVABLE_CLASSES: Readonly<Record<'body' | 'arm', readonly PostureClass[]>> = {
  body: ['standing', 'walking', 'sitting', 'lying', 'stooping', 'squatting_kneeling', 'lifting'],
  arm: ['standing', 'walking', 'lying', 'overhead'],
};

/** The class a sensor at `placement` should report when the body is in `truth`. */
export function observableClass(placement: SensorPlacement, truth: PostureClass): PostureClass {
  if (placement.startsWith('upper_arm')) {
    return OBSERVABLE_CLASSES.arm.includes(truth) ? truth : 'standing';
  }
  return truth === 'overhead' ? 'standing' : truth;
}
