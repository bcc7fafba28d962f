import type { Vec3 } from '../math/vec3.js';
import { LOOK_BACK_SAMPLES, VerticalAcceleration } from './vertical-acceleration.js';

export interface HeightTrackerOptions {
  /** A bout this long without a quiet period ends as if the wearer were at rest, s (default 15). */
  maxBoutS?: number;
  /** Lowest / highest height change reported, m (defaults −1.2 and +0.5). */
  minHeightM?: number;
  maxHeightM?: number;
}

/** Samples replayed after a quiet period: its 1 s look-back. */
const RECENT = LOOK_BACK_SAMPLES;

/**
 * Walking samples kept, to find where the steps ended when the gait flag drops (3.6 s at 25 Hz: the
 * flag looks back 3 s, so it outlasts the steps by up to 3 s).
 */
const TAIL = 90;

/** Step detection in the gait flag's tail (see `restartAtLastStep`): neighbours ±0.12 s at 25 Hz. */
const STEP_LAG = 3;
/** A sample curves like a step beyond this share of the largest curve in the tail, and this at least, m/s². */
const STEP_CURVE_SHARE = 0.3;
const MIN_STEP_CURVE_MS2 = 0.3;
/** The step before a step is this many samples earlier (0.24–0.8 s at 25 Hz). */
const STEP_GAP_MIN = 6;
const STEP_GAP_MAX = 20;

/**
 * While the wearer moves about (neither quiet nor walking) the height fades towards upright with
 * this time constant, s: every bout adds the error of its zero-velocity guesses, and this keeps
 * their sum from wandering off in long restless periods. A quiet posture is held without fading.
 */
const RESTLESS_FADE_S = 120;
/** Steps must go on this long to count as walking, s (as for the upright reference). */
const SUSTAINED_WALK_S = 2;

/**
 * Causal estimate of how far the sensor has moved up or down since the wearer last walked (a trunk
 * or pelvis is upright at the walking level when the steps stop), from |acc| − g, the vertical
 * linear acceleration to first order whatever the tilt (so it works accelerometer-only).
 *
 * Double integration drifts within seconds, so each movement bout (the samples since the last quiet
 * period, or since the last step) is integrated afresh from rest, at height 0 after walking, and
 * solved at every sample for a constant acceleration bias that brings the wearer to rest now (true
 * in any held posture). The result is right once the wearer holds a posture and meaningless
 * mid-movement. Around it: |acc| at rest is learned per orientation (`RestNormModel`), a 5-sample
 * median drops jolts, "quiet" (still flag and vertical acceleration within ±0.08 m/s² over 1 s)
 * holds the height and restarts the bout from the last quiet second, only sustained steps (≥ 2 s)
 * count as walking and the bout after them starts at the last step (the flag outlasts the steps,
 * see `restartAtLastStep`), a bout without rest for 15 s restarts as if at rest, the height fades
 * towards 0 (τ 120 s) while the wearer moves about, and it is clamped to [−1.2, 0.5] m. Memory is
 * fixed (typed-array rings).
 */
export class HeightTracker {
  private readonly maxBoutS: number;
  private readonly minM: number;
  private readonly maxM: number;
  private heightM = 0;
  private anchorM = 0;
  // Bout state: time, raw velocity and height, ∫ time.
  private t = 0;
  private v = 0;
  private h = 0;
  private ho = 0;
  // The last walking samples (vertical acc, time step), a ring.
  private readonly tailA = new Float64Array(TAIL);
  private readonly tailDt = new Float64Array(TAIL);
  private tailHead = 0;
  private tailLen = 0;
  // The last second of non-walking samples (vertical acc, time step), replayed after a quiet period.
  private readonly recentA = new Float64Array(RECENT);
  private readonly recentDt = new Float64Array(RECENT);
  private recentHead = 0;
  private recentLen = 0;
  private holding = false;
  private wasWalking = false;
  private walkRunS = 0;
  // The steps of this gait-flag run are over (quiet while the flag still lags).
  private stepsOver = false;
  private readonly vertical = new VerticalAcceleration();

  constructor(options: HeightTrackerOptions = {}) {
    this.maxBoutS = options.maxBoutS ?? 15;
    this.minM = options.minHeightM ?? -1.2;
    this.maxM = options.maxHeightM ?? 0.5;
  }

  /** Current height change, m (+ up). */
  get height(): number {
    return this.heightM;
  }

  /**
   * Feeds one canonical sample: |acc| (m/s²), the filtered up direction (unit, sensor frame), the
   * time step (s) and the still / walking flags of this sample. Returns the height change, m (+ up).
   */
  update(accNormMs2: number, up: Vec3, dtS: number, still: boolean, walkingFlag: boolean): number {
    const { accMs2: a, quiet } = this.vertical.update(accNormMs2, up, still);
    // Only sustained steps count as walking (the flag flickers during lifts and fidgeting).
    this.walkRunS = walkingFlag ? this.walkRunS + dtS : 0;
    if (!walkingFlag) this.stepsOver = false;
    // At rest the steps are over, whatever the lagging flag says.
    if (quiet && walkingFlag) this.stepsOver = true;
    const walking = walkingFlag && this.walkRunS >= SUSTAINED_WALK_S && !this.stepsOver;
    if (this.wasWalking && !walking) this.restartAtLastStep();
    this.wasWalking = walking;
    if (walking) {
      this.tailA[this.tailHead] = a;
      this.tailDt[this.tailHead] = dtS;
      this.tailHead = (this.tailHead + 1) % TAIL;
      this.tailLen = Math.min(TAIL, this.tailLen + 1);
      this.recentLen = 0;
      this.holding = false;
      this.heightM = 0;
      return 0;
    }
    if (quiet) {
      // Hold the height while quiet; the bout ends at the onset.
      if (!this.holding) this.heightM = this.estimate();
      this.holding = true;
      this.remember(a, dtS);
      return this.heightM;
    }
    if (this.holding) {
      // Quiet looks back 1 s and may still hold as a slow movement starts, so the new bout starts
      // with the last second of the quiet period, replayed.
      this.holding = false;
      this.startBout(this.heightM);
      for (let k = 0; k < this.recentLen; k++) {
        const i = (this.recentHead - this.recentLen + k + RECENT) % RECENT;
        this.step(this.recentA[i] as number, this.recentDt[i] as number);
      }
    }
    this.remember(a, dtS);
    this.step(a, dtS);
    this.anchorM *= Math.exp(-dtS / RESTLESS_FADE_S);
    this.heightM = this.estimate();
    if (this.t > this.maxBoutS) this.startBout(this.heightM);
    return this.heightM;
  }

  /**
   * The steps ended. The gait flag looks back 3 s, so it outlasts them by up to 3 s, while the
   * wearer already stands, sits or squats. (Integrating that tail as walking, the gait's
   * rectification of 0.1–1.3 m/s² taken off, against a level reference over the last steps left a
   * velocity error that the zero-velocity solution turned into decimetres, up to the clamp, held for
   * the whole posture after every walk.) The steps end at the last tail sample that still curves
   * like a step (|acc| − g against the mean of its neighbours ±0.12 s: steps at 1.5–2 Hz swing by
   * metres per second², a sit-down or squat over 1–2 s by a tenth of that); there the wearer was
   * upright at the walking level at about zero vertical speed, and the samples after it start a new
   * bout from rest at height 0 (a zero-velocity update).
   */
  private restartAtLastStep(): void {
    const n = this.tailLen;
    const at = (k: number) => (this.tailHead - n + k + TAIL) % TAIL;
    const a = (k: number) => this.tailA[at(k)] as number;
    const curve = (k: number) => Math.abs(a(k) - (a(k - STEP_LAG) + a(k + STEP_LAG)) / 2);
    let most = 0;
    for (let k = STEP_LAG; k < n - STEP_LAG; k++) most = Math.max(most, curve(k));
    const threshold = Math.max(MIN_STEP_CURVE_MS2, STEP_CURVE_SHARE * most);
    // A step has another one 0.24–0.8 s before it (cadence 1.25–4 Hz); a single jolt, such as
    // landing on a seat at the end of a sit-down, has not.
    const stepBefore = (k: number) => {
      for (let j = Math.max(STEP_LAG, k - STEP_GAP_MAX); j <= k - STEP_GAP_MIN; j++)
        if (curve(j) > threshold) return true;
      return false;
    };
    let last = -1;
    for (let k = n - 1 - STEP_LAG; k >= STEP_LAG; k--) {
      if (curve(k) > threshold && stepBefore(k)) {
        last = Math.min(n - 1, k + STEP_LAG);
        break;
      }
    }
    this.startBout(0);
    for (let k = last + 1; k < n; k++) {
      this.step(a(k), this.tailDt[at(k)] as number);
      this.remember(a(k), this.tailDt[at(k)] as number);
    }
  }

  private remember(a: number, dtS: number): void {
    this.recentA[this.recentHead] = a;
    this.recentDt[this.recentHead] = dtS;
    this.recentHead = (this.recentHead + 1) % RECENT;
    this.recentLen = Math.min(RECENT, this.recentLen + 1);
  }

  private step(a: number, dtS: number): void {
    this.t += dtS;
    this.v += a * dtS;
    this.h += this.v * dtS;
    this.ho += this.t * dtS;
  }

  /** A time gap: the velocity is unknown, the height (the wearer's posture) is kept. */
  restartSegment(): void {
    this.recentLen = 0;
    this.walkRunS = 0;
    this.stepsOver = false;
    this.wasWalking = false;
    this.vertical.restartSegment();
    this.holding = false;
    this.startBout(this.heightM);
  }

  /** Forgets everything (back to upright). */
  reset(): void {
    this.heightM = 0;
    this.vertical.reset();
    this.restartSegment();
    this.startBout(0);
  }

  private startBout(anchorM: number): void {
    this.anchorM = anchorM;
    this.t = 0;
    this.v = 0;
    this.h = 0;
    this.ho = 0;
    this.tailLen = 0;
  }

  /** Height change if the wearer is at rest now: velocity 0 at the bout's start and now, m. */
  private estimate(): number {
    // The difference is a constant acceleration bias.
    const b = this.t > 0 ? -this.v / this.t : 0;
    const d = this.anchorM + this.h + b * this.ho;
    return Math.max(this.minM, Math.min(this.maxM, d));
  }
}
