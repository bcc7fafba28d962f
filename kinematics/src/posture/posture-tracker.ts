import { dot, norm, RAD_TO_DEG, STANDARD_GRAVITY, type Vec3 } from '../math/vec3.js';
import {
  ComplementaryGravityFilter,
  type ComplementaryGravityOptions,
} from '../orientation/complementary-gravity.js';
import { GaitDetector, type GaitDetectorOptions } from '../reference/gait-detector.js';
import { postureAngles, upInWearerFrame } from '../reference/posture-angles.js';
import { StillDetector } from '../reference/still-detector.js';
import { UprightReference, type UprightReferenceOptions } from '../reference/upright-reference.js';
import { Resampler, type ResamplerOptions } from '../resample/resampler.js';
import type { CanonicalSample, ImuFrameLike, RawSample } from '../types.js';
import { HeightTracker } from './height-tracker.js';
import { bendDropM, isArmPlacement, type PostureSample, type SensorPlacement } from './posture-sample.js';

export interface PostureTrackerOptions {
  placement: SensorPlacement;
  /** Upright reference options (e.g. a known `upright`/`forward` for a calibrated mount). */
  reference?: UprightReferenceOptions;
  /** Filter for the angles (fast; defaults: τ 1 s with gyro, 0.1 s accelerometer-only). */
  angleFilter?: ComplementaryGravityOptions;
  /** Gait detector options (default: trunk steady within 20°; an arm swinging 10–60°). */
  gait?: GaitDetectorOptions;
  /** Resampler options (a discontinuity callback, a different gap limit). */
  resampler?: ResamplerOptions;
}

const MAX_SINCE_WALK_S = 600;
/** A still stance this far (m) below the last walk is sitting, squatting or kneeling, not standing. */
const LOWERED_M = 0.25;
/**
 * A belt sensor's standing candidate must be this close to its walking mean, deg (15 elsewhere): a
 * standing pelvis walks at about its standing tilt, a seated one tilts 10–40° back (UCI HAPT waist
 * phones, 39 recordings: standing median 4.7°, p90 9.2° from walking; sitting p10 11.9°, median 24°).
 */
const PELVIS_STANDING_VS_WALKING_DEG = 10;
/** Turn beyond which a trunk sensor's bout is corrected for the rest offset learned after it, deg. */
const TRUNK_OFFSET_CORRECTION_TURN_DEG = 30;
/**
 * Belt sensors learn their forward axis from the steps too (`GaitForwardAxis`, checked on the UCI
 * HAPT waist phones). An upper back pitches with each step, which swamps the body's surge there
 * (simulated upper-back sensors read it backwards), and an arm swings: they keep the bends alone.
 */
const GAIT_FORWARD_PLACEMENTS: readonly SensorPlacement[] = ['pelvis'];
/**
 * A belt sensor's rest for the height: only a quiet second whose mean is near 0 (a slow sit-down or
 * kneel brakes steadily, and ended half-way), learned only between quiet seconds. Simulated belt
 * sensors (workers 0–39, posture episodes): sitting read 0.23 m off in the median, now 0.06 m; squatting or
 * kneeling 0.13 → 0.04 m; UCI HAPT waists' AUC sitting < standing 0.754 → 0.757. On upper-back sensors
 * (already 0.06 m when sitting) it was mixed, so they keep the spread test alone.
 */
const PELVIS_VERTICAL = { restMeanMs2: 0.08, restMeanSds: 5, learnBetweenQuiet: true } as const;

/**
 * Per-device posture state: resamples to the canonical rate, filters the up direction, learns the
 * wearer's upright reference and reports angles per canonical sample. Memory is bounded (fixed
 * rings, no growing buffers), so one tracker per device can run for days.
 */
export class PostureTracker {
  readonly placement: SensorPlacement;
  readonly reference: UprightReference;
  readonly resampler: Resampler;
  private readonly isArm: boolean;
  private readonly angleFilter: ComplementaryGravityFilter;
  // Slower gravity estimate to split off the linear acceleration (steps must not leak into it).
  private readonly gravityFilter = new ComplementaryGravityFilter({ accOnlyTimeConstantS: 0.5 });
  private readonly still = new StillDetector();
  private readonly gait: GaitDetector;
  private readonly height: HeightTracker;
  private segment = Number.NaN;
  private lastTMs = Number.NaN;
  private lastUp: Vec3 | null = null;
  private firstUp: Vec3 | null = null;
  private lastWalkMs = Number.NaN;
  private gravityMs2 = STANDARD_GRAVITY;
  private readonly gaitForward: boolean;

  constructor(options: PostureTrackerOptions) {
    this.placement = options.placement;
    this.isArm = isArmPlacement(options.placement);
    this.gaitForward = GAIT_FORWARD_PLACEMENTS.includes(options.placement);
    this.reference = new UprightReference({
      provisionalFromStill: !this.isArm,
      ...(options.placement === 'pelvis' && {
        maxStandingVsWalkingDeg: PELVIS_STANDING_VS_WALKING_DEG,
        loweredVotes: false,
      }),
      ...options.reference,
    });
    // A hanging arm swings while walking (spread 15–25°), a carrying one barely moves; the trunk
    // only sways a few degrees.
    const armGait = { maxTiltSpreadDeg: 60, minTiltSpreadDeg: 10 };
    this.gait = new GaitDetector({ ...(this.isArm ? armGait : { maxTiltSpreadDeg: 20 }), ...options.gait });
    this.angleFilter = new ComplementaryGravityFilter(options.angleFilter);
    this.resampler = new Resampler(options.resampler);
    // See HeightTracker: measured better for upper-back sensors only.
    this.height = new HeightTracker(
      options.placement === 'trunk'
        ? { offsetCorrectionMinTurnDeg: TRUNK_OFFSET_CORRECTION_TURN_DEG }
        : options.placement === 'pelvis'
          ? { vertical: PELVIS_VERTICAL }
          : {},
    );
  }

  /** Feeds one raw sample at the wearable's rate; returns the posture samples it completes. */
  push(sample: RawSample): PostureSample[] {
    return this.resampler.push(sample).map((s) => this.pushCanonical(s));
  }

  /** Feeds a whole frame (e.g. a decoded `ImuFrame`); returns the posture samples it completes. */
  pushFrame(frame: ImuFrameLike): PostureSample[] {
    return this.resampler.pushFrame(frame).map((s) => this.pushCanonical(s));
  }

  /** Feeds one sample already on the canonical grid (bypasses the resampler). */
  pushCanonical(s: CanonicalSample): PostureSample {
    if (s.segment !== this.segment) this.restartSegment(s.segment);
    const dtS = Number.isNaN(this.lastTMs) ? 0.04 : Math.max(1e-3, (s.tMs - this.lastTMs) / 1000);
    this.lastTMs = s.tMs;
    const up = this.angleFilter.update(s.acc, s.gyro, dtS);
    const gravityUp = this.gravityFilter.update(s.acc, s.gyro, dtS);
    const accNormMs2 = norm(s.acc);
    const still = this.still.update(s.acc, s.gyro);
    if (still) this.gravityMs2 += 0.02 * (accNormMs2 - this.gravityMs2);
    // An arm's swing (≈ 1 Hz) must show in the spread check, so arms use the fast estimate; the
    // trunk uses the slow one, which steps do not shake.
    const walking = this.gait.update(accNormMs2, this.isArm ? up : gravityUp);
    if (walking) this.lastWalkMs = s.tMs;
    const heightChangeM = this.height.update(accNormMs2, up, dtS, still, walking);
    // Sitting or squatting down right after walking is still, and near the walking mean for a trunk
    // sensor: only the drop of the body tells it is not standing.
    this.reference.update(
      s.tMs,
      up,
      still,
      walking,
      heightChangeM < -LOWERED_M,
      this.gaitForward ? s.acc : undefined,
    );

    const upright = this.reference.upright ?? this.firstUp ?? up;
    this.firstUp ??= up;
    const forward = this.reference.forward;
    const angles = postureAngles(up, upright, forward);
    const lin: Vec3 = [
      s.acc[0] - this.gravityMs2 * gravityUp[0],
      s.acc[1] - this.gravityMs2 * gravityUp[1],
      s.acc[2] - this.gravityMs2 * gravityUp[2],
    ];
    // |acc| − g is the vertical linear acceleration to first order whatever the tilt, so a lagging
    // gravity estimate during a bend cannot fake a vertical movement.
    const verticalAccMs2 = accNormMs2 - this.gravityMs2;
    const dynamicAccMs2 = norm(lin);
    const tiltRateDegS = this.lastUp ? (Math.acos(Math.min(1, dot(up, this.lastUp))) * RAD_TO_DEG) / dtS : 0;
    this.lastUp = up;
    const sinceWalk = Number.isNaN(this.lastWalkMs) ? MAX_SINCE_WALK_S : (s.tMs - this.lastWalkMs) / 1000;
    return {
      tMs: s.tMs,
      segment: s.segment,
      up,
      upWearer: upInWearerFrame(up, upright, forward),
      inclinationDeg: angles.inclinationDeg,
      trunkFlexionDeg: angles.flexionDeg,
      sideBendDeg: angles.sideBendDeg,
      twistRateDegS: s.gyro ? dot(s.gyro, upright) * RAD_TO_DEG : Number.NaN,
      hasGyro: s.gyro !== null,
      tiltRateDegS,
      armElevationDeg: this.isArm ? angles.inclinationDeg : Number.NaN,
      dynamicAccMs2,
      verticalAccMs2,
      horizontalAccMs2: Math.sqrt(Math.max(0, dynamicAccMs2 ** 2 - verticalAccMs2 ** 2)),
      accNormMs2,
      still,
      walking,
      secondsSinceWalking: Math.min(MAX_SINCE_WALK_S, sinceWalk),
      referenceReady: this.reference.ready,
      forwardReady: forward !== null,
      referenceSource: this.reference.source,
      placement: this.placement,
      heightChangeM,
      hipHeightChangeM: heightChangeM + bendDropM(this.placement, angles.inclinationDeg, angles.flexionDeg),
    };
  }

  /** Forgets the stream and the learned reference (e.g. the wearable was handed to someone else). */
  reset(): void {
    this.resampler.reset();
    this.reference.reset();
    this.restartSegment(Number.NaN);
    this.firstUp = null;
    this.lastWalkMs = Number.NaN;
    this.height.reset();
  }

  // After a gap the filters restart; the reference is the wearer's and survives.
  private restartSegment(segment: number): void {
    this.segment = segment;
    this.lastTMs = Number.NaN;
    this.lastUp = null;
    this.angleFilter.reset();
    this.gravityFilter.reset();
    this.still.reset();
    this.gait.reset();
    this.height.restartSegment();
  }
}
