/**
 * Names of the entries of {@link extractFeatures}' output, in order. The length and order are
 * part of every trained model: append only, never reorder. Angles in degrees relative to the
 * wearer's upright reference, accelerations in m/s². Gyro-based features are 0 without a
 * gyroscope and `has_gyro` masks them; every other feature is accelerometer-only.
 */
export const FEATURE_NAMES = [
  'incl_mean_deg', // mean inclination from upright
  'incl_min_deg',
  'incl_max_deg',
  'incl_std_deg',
  'flex_mean_deg', // signed forward flexion (= inclination until the forward axis is known)
  'flex_min_deg',
  'flex_max_deg',
  'side_mean_deg', // signed side bend, + left
  'side_abs_max_deg',
  'up_fwd', // mean up direction in the wearer's frame: forward, left, up components
  'up_left',
  'up_up',
  'tilt_jitter_deg', // RMS angle of up around its window mean: micro-movement (sway)
  'tilt_rate_mean_deg_s', // mean rate of change of the up direction (accelerometer-only)
  'tilt_rate_max_deg_s',
  'acc_norm_mean',
  'acc_norm_std',
  'dyn_acc_mean', // linear acceleration magnitude
  'dyn_acc_max',
  'vert_acc_std', // vertical linear acceleration
  'vert_acc_range',
  'horiz_acc_rms', // horizontal linear acceleration
  'vert_horiz_ratio', // vert_acc_std / (horiz_acc_rms + 0.05)
  'jerk_rms', // RMS of d|acc|/dt, m/s³
  'step_autocorr_peak', // autocorrelation peak of |acc| at 0.7–2.5 Hz
  'step_freq_hz', // frequency of that peak (0 if peak ≤ 0.2)
  'walking_frac', // share of samples flagged walking
  'still_frac', // share of samples flagged still
  'log_since_walk_s', // ln(1 + seconds since walking) at the window end: transition history
  'incl_change_deg', // inclination at window end minus start
  'has_gyro', // 1 if every sample had a gyroscope (masks the next three)
  'twist_rate_abs_mean_deg_s',
  'twist_rate_abs_max_deg_s',
  'gyro_tilt_ratio', // |twist| mean / (tilt rate mean + 1): twisting vs bending
  'is_arm', // 1 for upper-arm sensors (masks the arm features)
  'arm_elev_mean_deg',
  'arm_elev_max_deg',
  'arm_over_60_frac',
  'arm_over_90_frac',
  'incl_over_20_frac',
  'incl_over_45_frac',
  'incl_over_60_frac',
  'reference_ready', // 1 if the upright reference was known at the window end
  'forward_ready', // 1 if the forward axis was known at the window end
  'height_change_m', // mean sensor height change since the wearer last walked, m (0 for arms)
  'hip_height_change_m', // the same with the sensor's bend taken out: the hips' drop, m (0 for arms)
  'is_trunk', // 1 for an upper-back sensor
  'is_pelvis', // 1 for a belt (pelvis) sensor
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Length of the feature vector. */
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Index of each feature by name, e.g. `FEATURE_INDEX.incl_mean_deg`. */
export const FEATURE_INDEX: Readonly<Record<FeatureName, number>> = Object.fromEntries(
  FEATURE_NAMES.map((n, i) => [n, i]),
) as Record<FeatureName, number>;
