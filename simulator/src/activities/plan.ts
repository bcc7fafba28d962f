import type { Base } from '../body/pose.js';
import type { Activity, TaskStep } from '../types.js';
import { planWalking } from './gait.js';
import { planLift } from './lift.js';
import { planLowWork, planLying, planSitting } from './low-postures.js';
import type { PlanContext, Segment } from './segment.js';
import { planOverhead, planSideBend, planStanding, planStoopBend, planTwist } from './upright.js';

/** The base posture an activity starts and ends in. */
export function baseOf(activity: Activity): Base {
  switch (activity) {
    case 'sitting':
    case 'lying':
    case 'squatting':
    case 'kneeling':
      return activity;
    default:
      return 'standing';
  }
}

/**
 * Turns a task step into a segment. Durations vary within a person (±25 %, log-normal-ish);
 * `lift` steps pick stoop or squat by the person's style unless the step names one.
 */
export function planStep(ctx: PlanContext, step: TaskStep): Segment {
  const { rng } = ctx;
  const durationS = Math.max(0.5, step.durationS * Math.exp(rng.normal(0, 0.25)));
  switch (step.activity) {
    case 'standing':
      return planStanding(ctx, durationS, step);
    case 'walking':
      return planWalking(ctx, durationS, step, false);
    case 'carrying':
      return planWalking(ctx, durationS, step, true);
    case 'stoop_bend':
      return planStoopBend(ctx, durationS, step);
    case 'trunk_twist':
      return planTwist(ctx, durationS, step);
    case 'side_bend':
      return planSideBend(ctx, durationS, step);
    case 'overhead_work':
      return planOverhead(ctx, durationS, step);
    case 'stoop_lift':
      return planLift(ctx, 'stoop');
    case 'squat_lift':
      return planLift(ctx, 'squat');
    case 'sitting':
      return planSitting(ctx, durationS);
    case 'lying':
      return planLying(ctx, durationS);
    case 'squatting':
    case 'kneeling':
      return planLowWork(ctx, durationS, step, step.activity);
    case 'transition':
      // A script cannot ask for a transition: they are inserted between base postures.
      return planStanding(ctx, durationS);
  }
}
