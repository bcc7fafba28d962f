import { copyPose, envelope, type Pose } from '../body/pose.js';
import type { TaskStep } from '../types.js';
import { excursionAt, type PlanContext, type Segment, scheduleExcursions, Wander } from './segment.js';

/** Postural sway and hand work while standing at a bench. */
export function planStanding(ctx: PlanContext, durationS: number, step?: TaskStep): Segment {
  const { rng } = ctx;
  const n = ctx.neutral.standing;
  // `still: 1` is quiet standing (arms hanging, only postural sway), e.g. for an upright reference.
  const k = step?.params?.still ? 0.2 : 1;
  const swayX = new Wander(rng, 0.006 * k, 0.05, 0.4);
  const swayY = new Wander(rng, 0.005 * k, 0.05, 0.4);
  const flex = new Wander(rng, 3 * k, 0.02, 0.25);
  const side = new Wander(rng, 1.5 * k, 0.02, 0.25);
  const twist = new Wander(rng, 4 * k, 0.03, 0.3);
  const armL = new Wander(rng, 12 * k * k, 0.1, 0.6, 3);
  const armR = new Wander(rng, 12 * k * k, 0.1, 0.6, 3);
  const work = rng.uniform(0, 20) * k * k;
  const ramp = Math.min(0.8, durationS / 3);
  // `straight: 1` is standing up straight when the wearable asks to calibrate: the habitual lean
  // goes (pelvis and trunk within a degree or two of vertical) and comes back afterwards.
  const straight = step?.params?.straight
    ? { pelvisDeg: rng.normal(0, 1.5), trunkDeg: rng.normal(0, 1) }
    : null;
  return {
    activity: 'standing',
    base: 'standing',
    durationS,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, durationS, ramp, ramp);
      out.surgeM += e * swayX.at(t);
      out.swayM += e * swayY.at(t);
      out.trunkFlexDeg += e * flex.at(t);
      if (straight) {
        out.pelvisPitchDeg += e * (straight.pelvisDeg - n.pelvisPitchDeg);
        out.trunkFlexDeg += e * (straight.trunkDeg - straight.pelvisDeg - n.trunkFlexDeg);
      }
      out.trunkSideDeg += e * side.at(t);
      out.trunkTwistDeg += e * twist.at(t);
      out.armElevLeftDeg += e * (work + Math.abs(armL.at(t)));
      out.armElevRightDeg += e * (work + Math.abs(armR.at(t)));
    },
  };
}

/**
 * Stoop bend: trunk forward with straight knees to `depthDeg` of trunk inclination, held, and back.
 * The hips contribute more of the bend the deeper it goes (lumbopelvic rhythm) and move back to
 * keep the centre of mass over the feet.
 */
export function planStoopBend(ctx: PlanContext, durationS: number, step: TaskStep): Segment {
  const { rng, profile } = ctx;
  const n = ctx.neutral.standing;
  const depth = Math.min(115, (step.params?.depthDeg ?? rng.uniform(15, 105)) * profile.rangeFactor);
  const moveS = (0.5 + depth / 100) / profile.speedFactor;
  const dur = Math.max(durationS, 2 * moveS + 0.5);
  const flexW = new Wander(rng, Math.min(4, depth * 0.08), 0.05, 0.4);
  const twistW = new Wander(rng, 5, 0.05, 0.3);
  const armW = new Wander(rng, 8, 0.05, 0.4, 3);
  const restIncl = n.pelvisPitchDeg + n.trunkFlexDeg;
  return {
    activity: 'stoop_bend',
    base: 'standing',
    durationS: dur,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, dur, moveS, moveS);
      // From the person's own rest inclination (e = 0) to the bend's depth: no jump at either end.
      bendTo(out, restIncl, restIncl + e * (depth + flexW.at(t) - restIncl), profile.heightM);
      out.trunkTwistDeg += e * twistW.at(t);
      // Hands reach towards the floor: the arms hang roughly vertical, a little forward.
      const arm = e * (0.85 * out.trunkFlexDeg + 0.85 * (out.pelvisPitchDeg - n.pelvisPitchDeg) + armW.at(t));
      out.armElevLeftDeg += arm;
      out.armElevRightDeg += arm;
      out.armPlaneLeftDeg *= 1 - e;
      out.armPlaneRightDeg *= 1 - e;
    },
  };
}

/** Sets pelvis tilt and trunk flexion for a total forward trunk inclination `inclDeg` (straight knees). */
export function bendTo(out: Pose, restInclDeg: number, inclDeg: number, heightM: number): void {
  const d = inclDeg - restInclDeg;
  const pelvisShare = 0.25 + 0.35 * Math.min(1, Math.max(0, inclDeg / 90));
  const tilt0 = (out.pelvisPitchDeg * Math.PI) / 180;
  out.pelvisPitchDeg += pelvisShare * d;
  out.trunkFlexDeg += (1 - pelvisShare) * d;
  const tilt = (out.pelvisPitchDeg * Math.PI) / 180;
  // Relative to the pose bent from, so no bend (d = 0) moves nothing: a segment that starts in its
  // neutral pose must not jump (millimetres in one sample are a spike of g's to the accelerometer).
  out.surgeM -= 0.1 * heightM * (Math.sin(Math.max(0, tilt)) - Math.sin(Math.max(0, tilt0)));
  out.hipHeightM -= 0.03 * heightM * (Math.cos(tilt0) - Math.cos(tilt));
}

/** Repeated axial twists (e.g. moving parts from one side to the other), slightly bent. */
export function planTwist(ctx: PlanContext, durationS: number, step: TaskStep): Segment {
  return planExcursions(ctx, durationS, step, 'trunk_twist', (p, a) => {
    p.trunkTwistDeg += a;
    p.armElevLeftDeg += Math.abs(a) * 0.8;
    p.armElevRightDeg += Math.abs(a) * 0.8;
  });
}

/** Repeated side bends (reaching sideways, e.g. into a low bin beside the worker). */
export function planSideBend(ctx: PlanContext, durationS: number, step: TaskStep): Segment {
  return planExcursions(ctx, durationS, step, 'side_bend', (p, a) => {
    p.trunkSideDeg += a;
    if (a > 0) p.armPlaneLeftDeg += Math.abs(a) * 1.5;
    else p.armPlaneRightDeg += Math.abs(a) * 1.5;
  });
}

function planExcursions(
  ctx: PlanContext,
  durationS: number,
  step: TaskStep,
  activity: 'trunk_twist' | 'side_bend',
  apply: (p: Pose, amountDeg: number) => void,
): Segment {
  const { rng, profile } = ctx;
  const n = ctx.neutral.standing;
  const maxDeg = activity === 'trunk_twist' ? 45 : 35;
  const meanDeg = step.params?.angleDeg ?? (activity === 'trunk_twist' ? 30 : 22);
  const dur = Math.max(durationS, 3);
  const flexDeg = step.params?.flexDeg ?? rng.uniform(0, 25);
  const list = scheduleExcursions(rng, dur, 0.6, () => ({
    durationS: rng.uniform(1.4, 4) / profile.speedFactor,
    rampS: rng.uniform(0.5, 0.9) / profile.speedFactor,
    amount: (rng.chance(0.5) ? 1 : -1) * Math.min(maxDeg, rng.normal(meanDeg, 5) * profile.rangeFactor),
    gapS: rng.uniform(0.3, 1.5),
  }));
  const flexW = new Wander(rng, 3, 0.05, 0.3);
  const restIncl = n.pelvisPitchDeg + n.trunkFlexDeg;
  return {
    activity,
    base: 'standing',
    durationS: dur,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, dur, 0.6, 0.6);
      bendTo(out, restIncl, restIncl + e * (flexDeg + flexW.at(t)), profile.heightM);
      apply(out, excursionAt(list, t));
    },
  };
}

/**
 * Overhead work (e.g. assembly under a car, ceiling installation): one or both upper arms above
 * shoulder height, the trunk slightly extended, with short lowering breaks.
 */
export function planOverhead(ctx: PlanContext, durationS: number, step: TaskStep): Segment {
  const { rng, profile } = ctx;
  const n = ctx.neutral.standing;
  const dur = Math.max(durationS, 3);
  const elev = Math.min(
    170,
    (step.params?.elevationDeg ?? rng.uniform(100, 150)) * (0.9 + 0.1 * profile.rangeFactor),
  );
  const bothArms = rng.chance(0.65);
  const leftLeads = rng.chance(0.3);
  const planeDeg = rng.uniform(10, 60);
  const rampS = 0.7 / profile.speedFactor;
  const breaks = scheduleExcursions(rng, dur, 3, () => ({
    durationS: rng.uniform(1.5, 4),
    rampS: 0.6,
    amount: rng.uniform(0.5, 0.9),
    gapS: rng.uniform(8, 30),
  }));
  const wL = new Wander(rng, 8, 0.1, 0.7, 3);
  const wR = new Wander(rng, 8, 0.1, 0.7, 3);
  const ext = new Wander(rng, 3, 0.03, 0.2);
  const other = rng.uniform(20, 60);
  return {
    activity: 'overhead_work',
    base: 'standing',
    durationS: dur,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, dur, rampS, rampS) * (1 - excursionAt(breaks, t));
      out.trunkFlexDeg += e * (-6 + ext.at(t));
      const lead = elev - n.armElevLeftDeg;
      const second = bothArms ? lead - 10 : other;
      const left = leftLeads ? lead : second;
      const right = leftLeads ? second : lead;
      out.armElevLeftDeg += e * (left + wL.at(t));
      out.armElevRightDeg += e * (right + wR.at(t));
      out.armPlaneLeftDeg += e * (planeDeg - n.armPlaneLeftDeg);
      out.armPlaneRightDeg += e * (planeDeg - n.armPlaneRightDeg);
    },
  };
}
