import { copyPose, envelope, minJerk } from '../body/pose.js';
import type { TaskStep } from '../types.js';
import { type PlanContext, type Segment, Wander } from './segment.js';

/**
 * Walking (or carrying a load in front with both hands). The pelvis rises and falls once per step
 * (~2 cm, at the cadence), surges forward and back per step (slowest at the top), sways sideways once per stride, and
 * tilts, drops and rotates with the stride; the trunk counter-rotates; the arms swing in
 * antiphase unless they hold a load. The path turns now and then.
 */
export function planWalking(ctx: PlanContext, durationS: number, step: TaskStep, carrying: boolean): Segment {
  const { rng, profile } = ctx;
  const n = ctx.neutral.standing;
  const k = profile.heightM / 1.75;
  const cadenceHz = profile.cadenceHz * (carrying ? 0.92 : 1) * rng.uniform(0.95, 1.05);
  const stepM =
    (step.params?.stepM ?? 0.41 * profile.heightM) * (carrying ? 0.88 : 1) * rng.uniform(0.92, 1.08);
  const speedMps = stepM * cadenceHz;
  const rampS = 1 / cadenceHz;
  const dur = Math.max(durationS, 3 * rampS);
  const bounceM = 0.023 * k * rng.uniform(0.8, 1.2);
  // Forward surge per step: as an inverted pendulum the body is slowest at the top of the bounce,
  // its forward acceleration leading the vertical one by ≈ 120° (UCI HAPT waist phones, 39 walking
  // recordings: cross-correlation peak a third of a step ahead). Spread at the belt 0.54 of the
  // vertical one (HAPT: 0.79, with heel-strike jolts not modelled here).
  const surgeM = 0.015 * k * rng.uniform(0.8, 1.2);
  const swayM = 0.028 * k * rng.uniform(0.8, 1.2);
  const swingDeg = carrying ? 3 : rng.uniform(12, 22);
  const holdDeg = carrying ? rng.uniform(22, 38) : 0;
  const leanDeg = carrying ? -rng.uniform(1, 5) : rng.uniform(1, 5);
  const phase0 = rng.uniform(0, 2 * Math.PI);
  // One planned turn per walk (to the next location), plus a gently meandering path.
  const turnDeg = rng.uniform(-180, 180);
  const turnS = Math.min(2, dur / 3);
  const turnAt = rng.uniform(rampS, Math.max(rampS, dur - rampS - turnS));
  const meander = new Wander(rng, 8, 0.03, 0.15);
  const flexW = new Wander(rng, 2, 0.05, 0.3);
  const w = 2 * Math.PI * cadenceHz;
  return {
    activity: carrying ? 'carrying' : 'walking',
    base: 'standing',
    durationS: dur,
    pose(t, out) {
      copyPose(n, out);
      const e = envelope(t, dur, rampS, rampS);
      const ph = w * t + phase0;
      const stride = ph / 2;
      out.speedMps = e * speedMps;
      const u = (t - turnAt) / turnS;
      const turnRate = u > 0 && u < 1 ? (turnDeg * 30 * u * u * (1 - u) * (1 - u)) / turnS : 0;
      out.turnDps = e * (turnRate + meander.at(t));
      // The second harmonic sharpens the bounce at heel strike (real waist signals are peaky).
      out.hipHeightM += e * bounceM * (Math.cos(ph) + 0.12 * Math.cos(2 * ph + 0.6));
      out.surgeM -= e * surgeM * Math.sin(ph + 0.52);
      out.swayM += e * swayM * (Math.sin(stride) + 0.15 * Math.sin(3 * stride));
      // The lumbar spine takes up the pelvis's walking tilt: the upper trunk keeps its own lean.
      out.pelvisPitchDeg += e * (ctx.gaitPelvisTiltDeg + 3 * Math.sin(ph + 0.5));
      out.trunkFlexDeg -= e * ctx.gaitPelvisTiltDeg;
      out.pelvisRollDeg += e * 6 * Math.cos(stride);
      out.pelvisYawDeg += e * 7 * Math.sin(stride);
      out.trunkFlexDeg += e * (leanDeg + 1.5 * Math.sin(ph + 1) + flexW.at(t));
      out.trunkTwistDeg -= e * 6 * Math.sin(stride);
      out.trunkSideDeg -= e * 3 * Math.cos(stride);
      const swing = swingDeg * Math.sin(stride);
      out.armElevLeftDeg += e * (holdDeg - swing);
      out.armElevRightDeg += e * (holdDeg + swing);
      out.armPlaneLeftDeg *= 1 - e;
      out.armPlaneRightDeg *= 1 - e;
    },
  };
}

/** Smooth 0 → 1 → 0 window of a stretch `[a, b]` with ramps `r` (used by lifts). */
export const window01 = (t: number, a: number, b: number, r: number): number =>
  t <= a || t >= b ? 0 : Math.min(minJerk((t - a) / r), minJerk((b - t) / r));
