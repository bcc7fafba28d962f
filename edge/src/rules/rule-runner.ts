import type { Episode } from './episode.js';
import type { LiftEvent, PostureSample } from './posture-sample.js';
import type { Candidate } from './rule-hit.js';
import type { Rule } from './rule-schema.js';

/** Timing shared by all rules of a set. */
export interface RuleTiming {
  hysteresisDeg: number;
  recoverMs: number;
}

/** The state of one rule for one device. Pure: fed samples and events in time order. */
export interface RuleRunner {
  readonly rule: Rule;
  /** The current episode (for suppression, acknowledgement and cool-down). */
  readonly episode: Episode;
  onSample(sample: PostureSample): Candidate | null;
  onLift(lift: LiftEvent): Candidate | null;
  /** Data stopped (a gap): the running episode cannot be judged and is dropped. */
  interrupt(): void;
}

/** The measure's value in a sample (NaN when not measured). */
export function angleOf(sample: PostureSample, measure: string): number {
  switch (measure) {
    case 'trunk_flexion':
      return sample.trunkFlexionDeg;
    case 'trunk_side_bend':
      return sample.trunkSideBendDeg;
    case 'arm_elevation':
      return sample.armElevationDeg;
    default:
      return Number.NaN;
  }
}
