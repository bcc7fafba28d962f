import type { Vec3 } from '../math/vec3.js';
import {
  LOOK_BACK_SAMPLES,
  VerticalAcceleration,
  type VerticalAccelerationOptions,
} from './vertical-acceleration.js';

export interface HeightTrackerOptions {
  /** A bout this long without a quiet period ends as if the wearer were at rest, s (default 15). */
  maxBoutS?: number;
  /** Lowest / highest height change reported, m (defaults −1.2 and +0.5). */
  minHeightM?: number;
  maxHeightM?: number;
  /**
   * Correct a bout for the |acc| at rest learned afterwards in the posture it ended in, when it
   * turned the sensor by at least this much, deg (default: never). On simulated upper-back sensors
   * (30°) a held stoop then reads its hips level instead of 0.2–0.4 m down; at the belt, and on the
   * real UCI HAPT waist phones (lying read +0.45 m instead of −0.44 m, sitting < standing AUC 0.76 →
   * 0.50), it made things worse, so `PostureTracker` enables it for trunk sensors only.
   */
  offsetCorrectionMinTurnDeg?: number;
  /** When the wearer is at rest, and what the rest model learns from (see `VerticalAccelerationOptions`). */
  vertical?: VerticalAccelerationOptions;
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
 * A held posture's estimate is refined this long while the rest model learns it, s (then frozen:
 * refining for the whole hold measured worse; the model keeps adapting to drift).
 */
const REFINE_S = 2;

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
  private readonly minTurn: number;
  private heightM = 0;
  private anchorM = 0;
  // Bout state: time, raw velocity and height, ∫ time.
  private t = 0;
  private v = 0;
  private h = 0;
  private ho = 0;
  // ∫ and ∫∫ of the rest model's features [1, up] over the bout, and its parameters at the start:
  // the bout is corrected for what the rest model learns afterwards (see `estimate`).
  private readonly fv = new Float64Array(4);
  private readonly fh = new Float64Array(4);
  private readonly thetaStart = new Float64Array(4);
  private readonly thetaNow = new Float64Array(4);
  private readonly firstUp = new Float64Array(3);
  private readonly lastUp = new Float64Array(3);
  private readonly correction = { v: 0, h: 0 };
  // The last walking samples (vertical acc, time step), a ring.
  private readonly tailA = new Float64Array(TAIL);
  private readonly tailDt = new Float64Array(TAIL);
  private readonly tailUp = new Float64Array(TAIL * 3);
  private tailHead = 0;
  private tailLen = 0;
  // The last second of non-walking samples (vertical acc, time step), replayed after a quiet period.
  private readonly recentA = new Float64Array(RECENT);
  private readonly recentDt = new Float64Array(RECENT);
  private readonly recentUp = new Float64Array(RECENT * 3);
  private recentHead = 0;
  private recentLen = 0;
  private holding = false;
  private heldS = 0;
  private wasWalking = false;
  private walkRunS = 0;
  // The steps of this gait-flag run are over (quiet while the flag still lags).
  private stepsOver = false;
  private readonly vertical: VerticalAcceleration;

  constructor(options: HeightTrackerOptions = {}) {
    this.maxBoutS = options.maxBoutS ?? 15;
    this.vertical = new VerticalAcceleration(options.vertical);
    this.minM = options.minHeightM ?? -1.2;
    this.maxM = options.maxHeightM ?? 0.5;
    const turnDeg = options.offsetCorrectionMinTurnDeg ?? Number.POSITIVE_INFINITY;
    // As the distance between unit up directions (a chord).
    this.minTurn = turnDeg >= 180 ? Number.POSITIVE_INFINITY : 2 * Math.sin(((turnDeg / 2) * Math.PI) / 180);
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
      this.tailUp.set(up, 3 * this.tailHead);
      this.tailHead = (this.tailHead + 1) % TAIL;
      this.tailLen = Math.min(TAIL, this.tailLen + 1);
      this.recentLen = 0;
      this.holding = false;
      this.heightM = 0;
      return 0;
    }
    if (quiet) {
      // Hold the posture while quiet; the bout ends at the onset. Its estimate is still refined as
      // the rest model learns |acc| in the posture held (the first time in a posture it is not
      // known until then: an offset from the moment the wearer turned into it).
      if (!this.holding) this.heldS = 0;
      this.holding = true;
      this.heldS += dtS;
      if (this.heldS <= REFINE_S) this.heightM = this.estimate();
      this.remember(a, up, dtS);
      return this.heightM;
    }
    if (this.holding) {
      // Quiet looks back 1 s and may still hold as a slow movement starts, so the new bout starts
      // with the last second of the quiet period, replayed.
      this.holding = false;
      this.startBout(this.heightM);
      for (let k = 0; k < this.recentLen; k++) {
        const i = (this.recentHead - this.recentLen + k + RECENT) % RECENT;
        this.step(this.recentA[i] as number, this.recentDt[i] as number, this.recentUp, 3 * i);
      }
    }
    this.remember(a, up, dtS);
    this.step(a, dtS, up, 0);
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
      const i = at(k);
      this.step(a(k), this.tailDt[i] as number, this.tailUp, 3 * i);
      this.remember(a(k), this.tailUp.subarray(3 * i, 3 * i + 3), this.tailDt[i] as number);
    }
  }

  private remember(a: number, up: ArrayLike<number>, dtS: number): void {
    this.recentA[this.recentHead] = a;
    this.recentDt[this.recentHead] = dtS;
    for (let j = 0; j < 3; j++) this.recentUp[3 * this.recentHead + j] = up[j] as number;
    this.recentHead = (this.recentHead + 1) % RECENT;
    this.recentLen = Math.min(RECENT, this.recentLen + 1);
  }

  /** Integrates one sample: vertical acc (m/s²), time step (s), up direction at up[o..o+2]. */
  private step(a: number, dtS: number, up: ArrayLike<number>, o: number): void {
    this.t += dtS;
    this.v += a * dtS;
    this.h += this.v * dtS;
    this.ho += this.t * dtS;
    for (let j = 0; j < 3; j++) {
      if (this.fv[0] === 0) this.firstUp[j] = up[o + j] as number;
      this.lastUp[j] = up[o + j] as number;
    }
    for (let j = 0; j < 4; j++) {
      const x = j === 0 ? 1 : (up[o + j - 1] as number);
      this.fv[j] = (this.fv[j] as number) + x * dtS;
      this.fh[j] = (this.fh[j] as number) + (this.fv[j] as number) * dtS;
    }
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
    this.fv.fill(0);
    this.fh.fill(0);
    this.vertical.copyRestParameters(this.thetaStart);
    this.tailLen = 0;
  }

  /**
   * The bout's velocity and height corrected for what the rest model learned since it started about
   * the posture the wearer is in now: |acc| at rest there, less what the model expected, is an offset
   * that set in as the wearer turned from the bout's first orientation to this one, modelled as
   * growing in proportion to that turn (its share along the way at each sample). Small turns are
   * left alone: their offsets are small and the share is ill-defined.
   */
  private corrected(): { v: number; h: number } {
    const out = this.correction;
    out.v = this.v;
    out.h = this.h;
    if (!Number.isFinite(this.minTurn) || this.t <= 0) return out;
    const u = this.lastUp;
    let turn2 = 0;
    for (let j = 0; j < 3; j++) turn2 += ((u[j] as number) - (this.firstUp[j] as number)) ** 2;
    if (turn2 < this.minTurn ** 2) return out;
    this.vertical.copyRestParameters(this.thetaNow);
    let offset = 0;
    for (let j = 0; j < 4; j++) {
      const x = j === 0 ? 1 : (u[j - 1] as number);
      offset += ((this.thetaNow[j] as number) - (this.thetaStart[j] as number)) * x;
    }
    // ∫ share dt and ∫∫ share dt², share = (up − first up)·turn / |turn|².
    let sv = 0;
    let sh = 0;
    for (let j = 0; j < 3; j++) {
      const w = ((u[j] as number) - (this.firstUp[j] as number)) / turn2;
      sv += w * ((this.fv[j + 1] as number) - (this.firstUp[j] as number) * (this.fv[0] as number));
      sh += w * ((this.fh[j + 1] as number) - (this.firstUp[j] as number) * (this.fh[0] as number));
    }
    out.v -= offset * sv;
    out.h -= offset * sh;
    return out;
  }

  /** Height change if the wearer is at rest now: velocity 0 at the bout's start and now, m. */
  private estimate(): number {
    const { v, h } = this.corrected();
    // The difference is a constant acceleration bias.
    const b = this.t > 0 ? -v / this.t : 0;
    const d = this.anchorM + h + b * this.ho;
    return Math.max(this.minM, Math.min(this.maxM, d));
  }
}
