import { copyPose, envelope } from '../body/pose.js';
import type { TaskStep } from '../types.js';
import { excursionAt, type PlanContext, type Segment, scheduleExcursions, Wander } from './segment.js';

/** Seated work: leaning forward and back, typing or writing, reaching now and then. */
export function planSitting(ctx: PlanContext, durationS: number): Segment {
  const { rng } = ctx;
  const n = ctx.neutral.sitting;
  const lean = new Wander(rng, 6, 0.005, 0.05, 3);
  const side = new Wander(rng, 2, 0.01, 0.1);
  const twist = new Wander(rng, 6, 0.01, 0.1);
  const armL = new Wander(rng, 6, 0.1, 0.5, 3);
  const armR = new Wander(rng, 6, 0.1, 0.5, 3);
  const leanForward = rng.uniform(0, 10);
  const reaches = scheduleExcursions(rng, durationS, 2, () => ({
    durationS: rng.uniform(1.5, 3),
    rampS: 0.6,
    amount: rng.uniform(15, 45),
    gapS: rng.uniform(20, 120),
  }));
  return {
    activity: 'sitting',
    base: 'sitting',
    durationS,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, durationS, 1, 1);
      const reach = excursionAt(reaches, t);
      out.trunkFlexDeg += e * (leanForward + lean.at(t) + reach * 0.4);
      out.trunkSideDeg += e * side.at(t);
      out.trunkTwistDeg += e * twist.at(t);
      out.armElevLeftDeg += e * armL.at(t);
      out.armElevRightDeg += e * (armR.at(t) + reach);
    },
  };
}

/** Lying on the back (a rest break), breathing. */
export function planLying(ctx: PlanContext, durationS: number): Segment {
  const { rng } = ctx;
  const n = ctx.neutral.lying;
  const breathHz = rng.uniform(0.2, 0.3);
  const roll = new Wander(rng, 6, 0.005, 0.03);
  return {
    activity: 'lying',
    base: 'lying',
    durationS,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, durationS, 1, 1);
      out.trunkFlexDeg += e * 0.6 * Math.sin(2 * Math.PI * breathHz * t);
      out.pelvisRollDeg += e * roll.at(t);
    },
  };
}

/**
 * Squatting or kneeling at work on the floor (tying rebar, fitting skirting): the trunk leans
 * forward by `depthDeg` (drawn when absent) with variation, the hands work in front.
 */
export function planLowWork(
  ctx: PlanContext,
  durationS: number,
  step: TaskStep,
  kind: 'squatting' | 'kneeling',
): Segment {
  const { rng, profile } = ctx;
  const n = ctx.neutral[kind];
  const restIncl = n.pelvisPitchDeg + n.trunkFlexDeg;
  const target =
    (step.params?.depthDeg ?? rng.uniform(kind === 'kneeling' ? 20 : 30, 60)) * profile.rangeFactor;
  const extra = Math.max(0, target - restIncl);
  const lean = new Wander(rng, 6, 0.03, 0.3, 3);
  const twist = new Wander(rng, 6, 0.03, 0.3);
  const side = new Wander(rng, 3, 0.03, 0.3);
  const armL = new Wander(rng, 12, 0.15, 0.8, 3);
  const armR = new Wander(rng, 12, 0.15, 0.8, 3);
  const sway = new Wander(rng, 0.01, 0.05, 0.3);
  const ramp = Math.min(1, durationS / 3);
  return {
    activity: kind,
    base: kind,
    durationS,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, durationS, ramp, ramp);
      const d = e * (extra + lean.at(t));
      out.pelvisPitchDeg += 0.35 * d;
      out.trunkFlexDeg += 0.65 * d;
      out.trunkTwistDeg += e * twist.at(t);
      out.trunkSideDeg += e * side.at(t);
      out.surgeM += e * sway.at(t);
      out.armElevLeftDeg += e * (0.6 * d + armL.at(t));
      out.armElevRightDeg += e * (0.6 * d + armR.at(t));
    },
  };
}
