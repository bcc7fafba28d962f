import { CANONICAL_RATE_HZ } from '../constants.js';
import { autocorrelationPeak } from '../math/autocorrelation.js';
import { angleBetween, normalize, RAD_TO_DEG } from '../math/vec3.js';
import type { PostureSample } from '../posture/posture-sample.js';
import { FEATURE_INDEX as F, FEATURE_COUNT } from './feature-names.js';

/**
 * Computes the feature vector (see {@link FEATURE_NAMES}) of one window of posture samples at the
 * canonical rate. Every value is finite: missing sensors give 0 with a mask feature
 * (`has_gyro`, `is_arm`). Empty windows give all zeros.
 */
export function extractFeatures(window: readonly PostureSample[], rateHz = CANONICAL_RATE_HZ): Float32Array {
  const out = new Float32Array(FEATURE_COUNT);
  const n = window.length;
  const last = window[n - 1];
  const first = window[0];
  if (!last || !first) return out;

  let inclSum = 0,
    inclSq = 0,
    inclMin = Infinity,
    inclMax = -Infinity;
  let flexSum = 0,
    flexMin = Infinity,
    flexMax = -Infinity,
    sideSum = 0,
    sideAbsMax = 0;
  let uf = 0,
    ul = 0,
    uu = 0,
    ux = 0,
    uy = 0,
    uz = 0;
  let tiltRateSum = 0,
    tiltRateMax = 0,
    accSum = 0,
    accSq = 0,
    dynSum = 0,
    dynMax = 0;
  let vertSum = 0,
    vertSq = 0,
    vertMin = Infinity,
    vertMax = -Infinity,
    horizSq = 0;
  let walk = 0,
    still = 0,
    gyroAll = true,
    twistSum = 0,
    twistMax = 0;
  let armSum = 0,
    armMax = 0,
    arm60 = 0,
    arm90 = 0,
    i20 = 0,
    i45 = 0,
    i60 = 0,
    jerkSq = 0,
    heightSum = 0,
    hipSum = 0;
  const accNorm = new Float64Array(n);
  let prevNorm = 0;
  for (let i = 0; i < n; i++) {
    const s = window[i] as PostureSample;
    const incl = s.inclinationDeg;
    inclSum += incl;
    inclSq += incl * incl;
    inclMin = Math.min(inclMin, incl);
    inclMax = Math.max(inclMax, incl);
    flexSum += s.trunkFlexionDeg;
    flexMin = Math.min(flexMin, s.trunkFlexionDeg);
    flexMax = Math.max(flexMax, s.trunkFlexionDeg);
    sideSum += s.sideBendDeg;
    sideAbsMax = Math.max(sideAbsMax, Math.abs(s.sideBendDeg));
    uf += s.upWearer[0];
    ul += s.upWearer[1];
    uu += s.upWearer[2];
    ux += s.up[0];
    uy += s.up[1];
    uz += s.up[2];
    tiltRateSum += s.tiltRateDegS;
    tiltRateMax = Math.max(tiltRateMax, s.tiltRateDegS);
    accSum += s.accNormMs2;
    accSq += s.accNormMs2 ** 2;
    accNorm[i] = s.accNormMs2;
    dynSum += s.dynamicAccMs2;
    dynMax = Math.max(dynMax, s.dynamicAccMs2);
    vertSum += s.verticalAccMs2;
    vertSq += s.verticalAccMs2 ** 2;
    vertMin = Math.min(vertMin, s.verticalAccMs2);
    vertMax = Math.max(vertMax, s.verticalAccMs2);
    horizSq += s.horizontalAccMs2 ** 2;
    if (s.walking) walk++;
    if (s.still) still++;
    if (s.hasGyro && Number.isFinite(s.twistRateDegS)) {
      twistSum += Math.abs(s.twistRateDegS);
      twistMax = Math.max(twistMax, Math.abs(s.twistRateDegS));
    } else {
      gyroAll = false;
    }
    if (Number.isFinite(s.armElevationDeg)) {
      armSum += s.armElevationDeg;
      armMax = Math.max(armMax, s.armElevationDeg);
      if (s.armElevationDeg > 60) arm60++;
      if (s.armElevationDeg > 90) arm90++;
    }
    heightSum += s.heightChangeM;
    hipSum += s.hipHeightChangeM;
    if (incl > 20) i20++;
    if (incl > 45) i45++;
    if (incl > 60) i60++;
    // Jerk of |acc|: independent of the sensor axes, so of the mounting.
    if (i > 0) jerkSq += ((s.accNormMs2 - prevNorm) * rateHz) ** 2;
    prevNorm = s.accNormMs2;
  }
  const meanUp = normalize([ux / n, uy / n, uz / n]);
  let jitterSq = 0;
  for (const s of window) jitterSq += (angleBetween(s.up, meanUp) * RAD_TO_DEG) ** 2;
  const inclMean = inclSum / n;
  const accMean = accSum / n;
  const vertMean = vertSum / n;
  const vertStd = Math.sqrt(Math.max(0, vertSq / n - vertMean * vertMean));
  const horizRms = Math.sqrt(horizSq / n);
  const tiltRateMean = tiltRateSum / n;
  const step = autocorrelationPeak(accNorm, Math.round(rateHz / 2.5), Math.round(rateHz / 0.7));
  const isArm = Number.isFinite(last.armElevationDeg);

  out[F.incl_mean_deg] = inclMean;
  out[F.incl_min_deg] = inclMin;
  out[F.incl_max_deg] = inclMax;
  out[F.incl_std_deg] = Math.sqrt(Math.max(0, inclSq / n - inclMean * inclMean));
  out[F.flex_mean_deg] = flexSum / n;
  out[F.flex_min_deg] = flexMin;
  out[F.flex_max_deg] = flexMax;
  out[F.side_mean_deg] = sideSum / n;
  out[F.side_abs_max_deg] = sideAbsMax;
  out[F.up_fwd] = uf / n;
  out[F.up_left] = ul / n;
  out[F.up_up] = uu / n;
  out[F.tilt_jitter_deg] = Math.sqrt(jitterSq / n);
  out[F.tilt_rate_mean_deg_s] = tiltRateMean;
  out[F.tilt_rate_max_deg_s] = tiltRateMax;
  out[F.acc_norm_mean] = accMean;
  out[F.acc_norm_std] = Math.sqrt(Math.max(0, accSq / n - accMean * accMean));
  out[F.dyn_acc_mean] = dynSum / n;
  out[F.dyn_acc_max] = dynMax;
  out[F.vert_acc_std] = vertStd;
  out[F.vert_acc_range] = vertMax - vertMin;
  out[F.horiz_acc_rms] = horizRms;
  out[F.vert_horiz_ratio] = vertStd / (horizRms + 0.05);
  out[F.jerk_rms] = n > 1 ? Math.sqrt(jerkSq / (n - 1)) : 0;
  out[F.step_autocorr_peak] = step.peak;
  out[F.step_freq_hz] = step.peak > 0.2 && step.lag > 0 ? rateHz / step.lag : 0;
  out[F.walking_frac] = walk / n;
  out[F.still_frac] = still / n;
  out[F.log_since_walk_s] = Math.log1p(last.secondsSinceWalking);
  out[F.incl_change_deg] = last.inclinationDeg - first.inclinationDeg;
  out[F.has_gyro] = gyroAll ? 1 : 0;
  out[F.twist_rate_abs_mean_deg_s] = gyroAll ? twistSum / n : 0;
  out[F.twist_rate_abs_max_deg_s] = gyroAll ? twistMax : 0;
  out[F.gyro_tilt_ratio] = gyroAll ? twistSum / n / (tiltRateMean + 1) : 0;
  out[F.is_arm] = isArm ? 1 : 0;
  out[F.arm_elev_mean_deg] = isArm ? armSum / n : 0;
  out[F.arm_elev_max_deg] = isArm ? armMax : 0;
  out[F.arm_over_60_frac] = isArm ? arm60 / n : 0;
  out[F.arm_over_90_frac] = isArm ? arm90 / n : 0;
  out[F.incl_over_20_frac] = i20 / n;
  out[F.incl_over_45_frac] = i45 / n;
  out[F.incl_over_60_frac] = i60 / n;
  out[F.reference_ready] = last.referenceReady ? 1 : 0;
  out[F.forward_ready] = last.forwardReady ? 1 : 0;
  out[F.height_change_m] = isArm ? 0 : heightSum / n;
  out[F.hip_height_change_m] = isArm ? 0 : hipSum / n;
  out[F.is_trunk] = last.placement === 'trunk' ? 1 : 0;
  out[F.is_pelvis] = last.placement === 'pelvis' ? 1 : 0;
  // A non-finite input (should not happen) must not reach a model.
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i] as number)) out[i] = 0;
  return out;
}
