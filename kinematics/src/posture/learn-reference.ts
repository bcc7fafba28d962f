import type { Vec3 } from '../math/vec3.js';
import type { RawSample } from '../types.js';
import type { SensorPlacement } from './posture-sample.js';
import { PostureTracker } from './posture-tracker.js';

/** A learned mounting, ready to pass as `PostureTrackerOptions.reference`. */
export interface LearnedReference {
  /** Up direction when upright (arm: hanging), unit vector in the sensor frame. */
  upright: Vec3;
  /** Forward axis in the sensor frame, when bends revealed it. */
  forward?: Vec3;
}

/**
 * Offline (hindsight) reference: runs a whole recording through a tracker and returns the
 * reference it ended with, or null if it never found one. For training on short clips that start
 * bent, squatting or sitting: a second pass with `new PostureTracker({ placement, reference })`
 * gives every window the steady-state angles an edge device reaches after its wearer's first walk.
 * The edge itself stays causal; do not use this there.
 */
export function learnReference(
  samples: Iterable<RawSample>,
  placement: SensorPlacement,
): LearnedReference | null {
  const tracker = new PostureTracker({ placement });
  for (const s of samples) tracker.push(s);
  const upright = tracker.reference.upright;
  if (upright === null) return null;
  const forward = tracker.reference.forward;
  return forward === null ? { upright } : { upright, forward };
}
