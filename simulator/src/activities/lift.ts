import { lerpPose as blend, copyPose, minJerk, type Pose } from '../body/pose.js';
import type { PlanContext, Segment } from './segment.js';
import { bendTo } from './upright.js';

/**
 * Lifting a load from the floor: reach down (stooped with straight knees, or squatting), grasp,
 * rise with the load (the onset: the load leaves the ground as the rise starts), and hold it at
 * the waist. A lift takes 3–5 s (LMM-HHT: a lift lasts < 5 s).
 */
export function planLift(ctx: PlanContext, style: 'stoop' | 'squat'): Segment {
  const { rng, profile } = ctx;
  const n = ctx.neutral.standing;
  const sq = ctx.neutral.squatting;
  const speed = profile.speedFactor * rng.uniform(0.85, 1.15);
  const downS = rng.uniform(0.8, 1.3) / speed;
  const graspS = rng.uniform(0.3, 0.8) / speed;
  const riseS = rng.uniform(0.9, 1.4) / speed;
  const holdS = rng.uniform(0.8, 1.5);
  const onsetS = downS + graspS;
  const dur = onsetS + riseS + holdS;
  const depth =
    style === 'stoop'
      ? Math.min(110, rng.uniform(70, 100) * profile.rangeFactor)
      : rng.uniform(25, 45) * (0.8 + 0.2 * profile.rangeFactor);
  const restIncl = n.pelvisPitchDeg + n.trunkFlexDeg;
  const carryDeg = rng.uniform(15, 30);
  const bottom: Pose = copyPose(n, { ...n });
  if (style === 'stoop') {
    bendTo(bottom, restIncl, depth, profile.heightM);
  } else {
    copyPose(sq, bottom);
    const extra = depth - (sq.pelvisPitchDeg + sq.trunkFlexDeg);
    bottom.pelvisPitchDeg += 0.4 * extra;
    bottom.trunkFlexDeg += 0.6 * extra;
  }
  const incl = bottom.pelvisPitchDeg + bottom.trunkFlexDeg;
  // Hands at the load on the floor: the arms hang about vertically, slightly forward.
  bottom.armElevLeftDeg = incl + 8;
  bottom.armElevRightDeg = incl + 8;
  bottom.armPlaneLeftDeg = 5;
  bottom.armPlaneRightDeg = 5;
  const held: Pose = copyPose(n, { ...n });
  held.armElevLeftDeg = carryDeg;
  held.armElevRightDeg = carryDeg;
  held.armPlaneLeftDeg = 5;
  held.armPlaneRightDeg = 5;
  held.trunkFlexDeg -= 3;
  const end = dur - 0.6;
  return {
    activity: style === 'stoop' ? 'stoop_lift' : 'squat_lift',
    base: 'standing',
    durationS: dur,
    liftOnsetS: onsetS,
    pose(t, out) {
      if (t < downS) blend(n, bottom, minJerk(t / downS), out);
      else if (t < onsetS) copyPose(bottom, out);
      else if (t < onsetS + riseS) blend(bottom, held, minJerk((t - onsetS) / riseS), out);
      else if (t < end) copyPose(held, out);
      else blend(held, n, minJerk((t - end) / 0.6), out);
    },
  };
}
