import { add, angleBetween, DEG_TO_RAD, dot, norm, normalize, scale, sub, type Vec3 } from '../math/vec3.js';
import { ForwardAxisEstimator } from './forward-axis.js';
import { GaitForwardAxis } from './gait-forward-axis.js';
import { WalkingMean } from './walking-mean.js';

/**
 * Where the current upright reference came from, from strongest to weakest evidence:
 * `fixed` given by the caller; `calibrated` the wearer stood up straight on request (the
 * wearable's calibrate button); `standing` a still period right before or after walking;
 * `walking` the mean up direction while walking; `still` the first still period (provisional).
 */
export type ReferenceSource = 'none' | 'still' | 'walking' | 'standing' | 'calibrated' | 'fixed';

/**
 * State of the last calibration request: `pending` waits for the wearer to stand still, `done`
 * took the still stance as the reference, `failed` saw no still stance in time.
 */
export type CalibrationState = 'idle' | 'pending' | 'done' | 'failed';

export interface UprightReferenceOptions {
  /** Still time needed for a still-period candidate, s (default 1.5). */
  stillMinS?: number;
  /** Walking time needed before the walking mean is trusted, s (default 2). */
  walkMinS?: number;
  /**
   * A walking bout counts (for the walking mean, and to make an adjacent still period standing)
   * once it has lasted this long, s (default 2): brief false gait flags never count.
   */
  minBoutS?: number;
  /** A still period within this time before walking counts as standing, s (default 4). */
  standingBeforeWalkS?: number;
  /** A still period starting within this time after walking counts as standing, s (default 2.5). */
  standingAfterWalkS?: number;
  /** A standing candidate further than this from the walking mean is refused, ° (default 15). */
  maxStandingVsWalkingDeg?: number;
  /**
   * A standing candidate replaces a standing reference only if it is at most this much further from
   * the walking mean than the reference, ° (default 3).
   */
  standingMarginDeg?: number;
  /** Time constant of the walking mean, s of walking (default 60): re-mounting is followed. */
  walkMemoryS?: number;
  /** Known upright direction in the sensor frame (source `fixed`); skips estimation. */
  upright?: Vec3;
  /** Known forward direction in the sensor frame; skips forward estimation. */
  forward?: Vec3;
  /**
   * Whether tilts while the sensor is well below the last walk (sitting, squatting, kneeling) vote
   * for the forward axis (default true). `PostureTracker` turns it off for belt sensors: a seated
   * pelvis rolls back as far as a stoop tilts it forward, and people sit for longer than they stoop.
   */
  loweredVotes?: boolean;
  /** Bends between these inclinations (°) vote for the forward axis (default 20–75). */
  forwardVoteRangeDeg?: readonly [number, number];
  /**
   * Whether the first still period may serve as a provisional reference (default true). The
   * tracker turns it off for upper-arm sensors: an arm is as often held still at work (overhead)
   * as hanging, so only walking, and standing next to walking, tell where it hangs.
   */
  provisionalFromStill?: boolean;
  /** How long a calibration request waits for a still stance, s (default 15). */
  calibrationWindowS?: number;
  /**
   * A calibrated reference further than this from the walking mean is dropped as a re-mounted
   * sensor, ° (default 25: more than anyone's habitual forward lean when walking).
   */
  maxCalibratedVsWalkingDeg?: number;
}

/** A reference that moves by more than this (°) discards the forward-axis votes cast against it. */
const REVOTE_AFTER_MOVE_DEG = 10;

/**
 * Estimates, from the data alone, the wearer's upright up direction in the sensor frame and the
 * forward axis, so no mounting orientation is assumed. See kinematics/README.md for the method.
 * For an upper-arm sensor the same estimate is the arm hanging down (still standing or walking).
 */
export class UprightReference {
  private readonly o: Required<Omit<UprightReferenceOptions, 'upright' | 'forward'>>;
  private calState: CalibrationState = 'idle';
  private calRequested = false;
  private calDeadlineMs = Number.NaN;
  private calibrations = 0;
  private readonly fixedForward: Vec3 | null;
  private ref: Vec3 | null = null;
  private src: ReferenceSource = 'none';
  private stillStartMs = Number.NaN;
  private stillSum: Vec3 = [0, 0, 0];
  private lastStill: { up: Vec3; endMs: number; lowered: boolean } | null = null;
  /** Whether the current still run was, at any point, well below the height of the last walk. */
  private stillLowered = false;
  private readonly walk: WalkingMean;
  private readonly forwardAxis: ForwardAxisEstimator;
  private readonly gaitAxis = new GaitForwardAxis();
  private lastTMs = Number.NaN;
  /** True while the still run that set a provisional `still` reference goes on. */
  private stillRunIsReference = false;

  constructor(options: UprightReferenceOptions = {}) {
    this.o = {
      stillMinS: options.stillMinS ?? 1.5,
      walkMinS: options.walkMinS ?? 2,
      minBoutS: options.minBoutS ?? 2,
      standingBeforeWalkS: options.standingBeforeWalkS ?? 4,
      standingAfterWalkS: options.standingAfterWalkS ?? 2.5,
      maxStandingVsWalkingDeg: options.maxStandingVsWalkingDeg ?? 15,
      standingMarginDeg: options.standingMarginDeg ?? 3,
      loweredVotes: options.loweredVotes ?? true,
      walkMemoryS: options.walkMemoryS ?? 60,
      forwardVoteRangeDeg: options.forwardVoteRangeDeg ?? [20, 75],
      provisionalFromStill: options.provisionalFromStill ?? true,
      calibrationWindowS: options.calibrationWindowS ?? 15,
      maxCalibratedVsWalkingDeg: options.maxCalibratedVsWalkingDeg ?? 25,
    };
    if (options.upright) {
      this.ref = normalize(options.upright);
      this.src = 'fixed';
    }
    this.fixedForward = options.forward ? normalize(options.forward) : null;
    this.forwardAxis = new ForwardAxisEstimator(this.o.forwardVoteRangeDeg);
    this.walk = new WalkingMean({
      minBoutS: this.o.minBoutS,
      walkMinS: this.o.walkMinS,
      memoryS: this.o.walkMemoryS,
    });
  }

  /**
   * Feeds one canonical sample: its time (ms), the filtered unit up direction, whether the wearer
   * is still / walking, and whether the sensor is well below where it was when the wearer last
   * walked (sat or squatted down: such a stance is never taken for standing). Returns whether a
   * reference is available. With the raw specific force `acc` (m/s²) the steps tell the forward
   * axis too (`GaitForwardAxis`).
   */
  update(tMs: number, up: Vec3, still: boolean, walking: boolean, lowered = false, acc?: Vec3): boolean {
    const dtS = Number.isNaN(this.lastTMs) ? 0.04 : Math.min(0.5, Math.max(0, (tMs - this.lastTMs) / 1000));
    this.lastTMs = tMs;
    if (this.calState === 'pending') this.checkCalibrationDeadline(tMs);
    if (this.src !== 'fixed') {
      this.trackStill(tMs, up, still, lowered);
      this.trackWalking(tMs, up, walking, dtS);
    }
    if (walking && acc && this.ref !== null) this.gaitAxis.update(acc, this.ref, dtS);
    else this.gaitAxis.pause();
    if (!walking && this.ref !== null && this.fixedForward === null && (this.o.loweredVotes || !lowered))
      this.forwardAxis.update(tMs, up, this.ref);
    return this.ref !== null;
  }

  private trackStill(tMs: number, up: Vec3, still: boolean, lowered: boolean): void {
    if (!still) {
      this.stillRunIsReference = false;
      if (!Number.isNaN(this.stillStartMs) && tMs - this.stillStartMs >= this.o.stillMinS * 1000) {
        this.lastStill = { up: normalize(this.stillSum), endMs: tMs, lowered: this.stillLowered };
      }
      this.stillStartMs = Number.NaN;
      return;
    }
    if (Number.isNaN(this.stillStartMs)) {
      this.stillStartMs = tMs;
      this.stillSum = [0, 0, 0];
      this.stillLowered = false;
    }
    this.stillSum = add(this.stillSum, up);
    this.stillLowered ||= lowered;
    if (tMs - this.stillStartMs < this.o.stillMinS * 1000) return;
    const candidate = normalize(this.stillSum);
    if (this.calState === 'pending' && !this.calRequested) {
      this.set(candidate, 'calibrated');
      this.finishCalibration('done');
      return;
    }
    if (this.src === 'calibrated') return;
    const provisional =
      this.o.provisionalFromStill &&
      (this.src === 'none' || (this.src === 'still' && this.stillRunIsReference));
    if (provisional) {
      this.set(candidate, 'still');
    } else if (
      !this.stillLowered &&
      this.walk.boutS >= this.o.minBoutS &&
      this.stillStartMs - this.walk.lastWalkMs <= this.o.standingAfterWalkS * 1000
    ) {
      this.offerStanding(candidate);
    }
  }

  private trackWalking(tMs: number, up: Vec3, walking: boolean, dtS: number): void {
    const sustainedNow = this.walk.update(tMs, up, walking, dtS);
    // A still period just before a real walking bout (not a brief false gait flag) was standing.
    if (
      sustainedNow &&
      this.lastStill &&
      !this.lastStill.lowered &&
      this.walk.boutStartedMs - this.lastStill.endMs <= this.o.standingBeforeWalkS * 1000
    ) {
      this.offerStanding(this.lastStill.up);
    }
    const walkingRef = walking ? this.walk.reference : null;
    if (walkingRef === null) return;
    if (this.src === 'calibrated' && this.ref !== null) {
      // The wearer stood up straight on request: that beats the walking mean, which carries any
      // habitual lean. Only a sensor re-mounted far from it makes the calibration void.
      if (angleBetween(this.ref, walkingRef) <= this.o.maxCalibratedVsWalkingDeg * DEG_TO_RAD) return;
    }
    const keepStanding =
      this.src === 'standing' &&
      this.ref !== null &&
      angleBetween(this.ref, walkingRef) <= this.o.maxStandingVsWalkingDeg * DEG_TO_RAD;
    if (!keepStanding) this.set(walkingRef, 'walking');
  }

  /**
   * The wearer was asked to stand up straight (arms hanging) and pressed calibrate: the next still
   * stance of `stillMinS` within `calibrationWindowS` becomes the reference, ahead of any learned
   * one. It removes the one thing data cannot tell: a habitual lean is not the sensor's mounting.
   */
  requestCalibration(): void {
    if (this.src === 'fixed') return;
    this.calState = 'pending';
    this.calRequested = true;
    this.calDeadlineMs = Number.NaN;
    // The stance must begin after the request: a still run already going on starts over.
    this.stillStartMs = Number.NaN;
    this.stillRunIsReference = false;
  }

  /** The calibrated reference (and forward axis, if known), to keep while the device is away; else null. */
  get calibrated(): { upright: Vec3; forward: Vec3 | null } | null {
    if (this.src !== 'calibrated' || this.ref === null) return null;
    return { upright: this.ref, forward: this.forward };
  }

  /**
   * Takes back a calibration kept from before (the device was away, or the agent restarted): the
   * same wearer with the same mounting needs no new stance. A re-mount still voids it (walking).
   */
  restoreCalibration(kept: { upright: Vec3; forward: Vec3 | null }): void {
    if (this.src === 'fixed') return;
    this.set(normalize(kept.upright), 'calibrated');
    if (kept.forward && this.fixedForward === null) this.forwardAxis.seed(kept.forward);
  }

  /** Increases on every finished calibration, so a caller can tell a new result from an old one. */
  get calibrationCount(): number {
    return this.calibrations;
  }

  /** The state of the last calibration request. */
  get calibration(): CalibrationState {
    return this.calState;
  }

  private checkCalibrationDeadline(tMs: number): void {
    if (this.calRequested) {
      this.calRequested = false;
      this.calDeadlineMs = tMs + this.o.calibrationWindowS * 1000;
      this.stillStartMs = Number.NaN;
    } else if (tMs > this.calDeadlineMs) {
      this.finishCalibration('failed');
    }
  }

  private finishCalibration(state: 'done' | 'failed'): void {
    this.calState = state;
    this.calibrations++;
  }

  private offerStanding(candidate: Vec3): void {
    if (this.src === 'calibrated') return;
    const walkingRef = this.walkingReference;
    if (walkingRef && angleBetween(candidate, walkingRef) > this.o.maxStandingVsWalkingDeg * DEG_TO_RAD)
      return;
    // Sitting down straight after a walk is offered as "standing after walking" when the height
    // tracker misses the drop, and a seated pelvis may be as little as 10° behind its walking tilt.
    // Of the stances next to the walks, the one nearer the walking mean is the upright one.
    if (
      walkingRef &&
      this.src === 'standing' &&
      this.ref !== null &&
      angleBetween(candidate, walkingRef) >
        angleBetween(this.ref, walkingRef) + this.o.standingMarginDeg * DEG_TO_RAD
    )
      return;
    this.set(candidate, 'standing');
  }

  private set(up: Vec3, source: ReferenceSource): void {
    // Bends were judged against the old reference: if it moved a lot, their votes are void.
    if (this.ref !== null && angleBetween(this.ref, up) > REVOTE_AFTER_MOVE_DEG * DEG_TO_RAD) {
      this.forwardAxis.reset();
      this.gaitAxis.reset();
    }
    this.ref = up;
    this.src = source;
    this.stillRunIsReference = source === 'still';
  }

  /** Mean up direction while walking, once enough walking was seen; else null. */
  get walkingReference(): Vec3 | null {
    return this.walk.reference;
  }

  /** The upright up direction (unit, sensor frame), or null until one is known. */
  get upright(): Vec3 | null {
    return this.ref;
  }

  /**
   * The wearer's forward axis (unit, sensor frame, ⊥ upright), or null until bends reveal it. The
   * steps (`GaitForwardAxis`) veto a bends' axis that points backwards: on the UCI HAPT waist phones
   * the bends' axis pointed backwards in 26 of the 30 recordings that had one (a seated pelvis rolls
   * back as a stoop tilts forward), the steps' came within 44° of the direction the belly faces
   * lying on the back in 38 of 39 (median cosine 0.99) and abstained in one. Without bends the axis
   * stays unknown: the steps' sooner axis, tried as the axis itself, cost the simulated workers'
   * named tasks on both seeds tried (sitting vs squatting).
   */
  get forward(): Vec3 | null {
    if (this.ref === null) return null;
    if (this.fixedForward === null) {
      const bends = this.forwardAxis.forward(this.ref);
      const steps = bends === null ? null : this.gaitAxis.forward(this.ref);
      return steps !== null && dot(steps, bends as Vec3) < 0 ? steps : bends;
    }
    const perp = sub(this.fixedForward, scale(this.ref, dot(this.fixedForward, this.ref)));
    return norm(perp) > 1e-6 ? normalize(perp) : null;
  }

  /** The steps' forward axis alone (see `forward`), or null: what the gait tells, for checks. */
  get gaitForward(): Vec3 | null {
    return this.ref === null ? null : this.gaitAxis.forward(this.ref);
  }

  get source(): ReferenceSource {
    return this.src;
  }

  get ready(): boolean {
    return this.ref !== null;
  }

  /** Forgets everything learned (a calibration too) except a fixed upright/forward given in the options. */
  reset(): void {
    if (this.calState === 'pending') this.finishCalibration('failed');
    if (this.src !== 'fixed') {
      this.ref = null;
      this.src = 'none';
    }
    this.stillStartMs = Number.NaN;
    this.lastStill = null;
    this.stillLowered = false;
    this.walk.reset();
    this.stillRunIsReference = false;
    this.forwardAxis.reset();
    this.gaitAxis.reset();
    this.lastTMs = Number.NaN;
  }
}
