import type { Vec3 } from '../math/vec3.js';
import { LOOK_BACK_SAMPLES, VerticalAcceleration } from './vertical-acceleration.js';

export interface HeightTrackerOptions {
  /**
   * The gait flag outlasts the gait (it looks back 3 s), so the last this-many seconds of a walking
   * run are not trusted as level walking, s (default 2.5).
   */
  gaitTailS?: number;
  /** Memory of the level-walking reference: recent steps count most, s (default 3). */
  walkMemoryS?: number;
  /** A bout this long without a quiet period ends as if the wearer were at rest, s (default 15). */
  maxBoutS?: number;
  /** Lowest / highest height change reported, m (defaults −1.2 and +0.5). */
  minHeightM?: number;
  maxHeightM?: number;
}

/** Recency-weighted sums of the bout state over the level-walking samples. */
interface WalkSums {
  /** Time of the last sample added, s. */
  last: number;
  w: number;
  t: number;
  v: number;
  h: number;
  to: number;
  ho: number;
  /** Vertical acceleration (the gait's rectification: |acc| − g averages above 0 while walking). */
  a: number;
  /** Walking time and its integral. */
  tw: number;
  hw: number;
}

/** Samples replayed after a quiet period: its 1 s look-back. */
const RECENT = LOOK_BACK_SAMPLES;

/** Values per pending row, and rows kept (2.9 s at 25 Hz; when full the oldest is trusted early). */
const ROW = 8;
const PENDING_ROWS = 72;

/** Weight of level-walking samples needed for a reference (0.4 s at 25 Hz). */
const MIN_WALK_WEIGHT = 10;

/**
 * While the wearer moves about (neither quiet nor walking) the height fades towards upright with
 * this time constant, s: every bout adds the error of its zero-velocity guesses, and this keeps
 * their sum from wandering off in long restless periods. A quiet posture is held without fading.
 */
const RESTLESS_FADE_S = 120;
/** Steps must go on this long to count as walking, s (as for the upright reference). */
const SUSTAINED_WALK_S = 2;

const emptySums = (): WalkSums => ({ last: 0, w: 0, t: 0, v: 0, h: 0, to: 0, ho: 0, a: 0, tw: 0, hw: 0 });

/**
 * Causal estimate of how far the sensor has moved up or down since the wearer last walked (a trunk
 * or pelvis is upright and level on average while walking), from |acc| − g, the vertical linear
 * acceleration to first order whatever the tilt (so it works accelerometer-only).
 *
 * Double integration drifts within seconds, so each movement bout (the samples since the last quiet
 * period) is integrated afresh and solved, at every sample, for what makes it drift:
 * - the velocity at the start of the bout: 0 after a quiet period; after walking, such that the
 *   velocity has mean 0 and no trend over the recent trusted steps (the gait's rectification, the
 *   mean |acc| − g of those steps, is taken off the walking time);
 * - a constant acceleration bias over the non-walking time, from the wearer being at rest now.
 * The result is right once the wearer holds a posture and meaningless mid-movement.
 * Around it: |acc| at rest is learned per orientation (`RestNormModel`), a 5-sample median drops
 * jolts, "quiet" (still flag and vertical acceleration within ±0.08 m/s² over 1 s) holds the
 * height and restarts the bout from the last quiet second, only sustained steps (≥ 2 s) count as
 * walking and their last 2.5 s are not trusted (the flag outlasts the steps), a bout without rest
 * for 15 s restarts as if at rest, the height fades towards 0 (τ 120 s) while the wearer moves
 * about, and it is clamped to [−1.2, 0.5] m. Memory is fixed (typed-array rings; the pending steps
 * keep at most 2.9 s, the oldest trusted early when full).
 */
export class HeightTracker {
  private readonly tailS: number;
  private readonly memoryS: number;
  private readonly maxBoutS: number;
  private readonly minM: number;
  private readonly maxM: number;
  private heightM = 0;
  private anchorM = 0;
  // Bout state: time, non-walking time, raw velocity and height, ∫ non-walking time.
  private t = 0;
  private to = 0;
  private v = 0;
  private h = 0;
  private ho = 0;
  // Walking time and its integral (for the gait's rectification).
  private tw = 0;
  private hw = 0;
  private sums = emptySums();
  // Walking samples not yet trusted (the gait flag's tail): a ring of [t, to, v, h, ho, acc, tw, hw].
  private readonly pending = new Float64Array(PENDING_ROWS * ROW);
  private pendingHead = 0;
  private pendingLen = 0;
  // The last second of non-walking samples (vertical acc, time step), replayed after a quiet period.
  private readonly recentA = new Float64Array(RECENT);
  private readonly recentDt = new Float64Array(RECENT);
  private recentHead = 0;
  private recentLen = 0;
  private holding = false;
  private wasWalking = false;
  private walkRunS = 0;
  private readonly vertical = new VerticalAcceleration();

  constructor(options: HeightTrackerOptions = {}) {
    this.tailS = options.gaitTailS ?? 2.5;
    this.memoryS = options.walkMemoryS ?? 3;
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
    const walking = walkingFlag && this.walkRunS >= SUSTAINED_WALK_S;
    if (this.wasWalking && !walking) this.endWalk();
    this.wasWalking = walking;
    if (quiet) {
      // Hold the height while quiet; the bout ends at the onset.
      if (!this.holding) this.heightM = this.estimate();
      this.holding = true;
      this.remember(a, dtS, walking);
      return this.heightM;
    }
    if (this.holding) {
      // Quiet looks back 1 s and may still hold as a slow movement starts, so the new bout starts
      // with the last second of the quiet period, replayed.
      this.holding = false;
      this.startBout(this.heightM);
      for (let k = 0; k < this.recentLen; k++) {
        const i = (this.recentHead - this.recentLen + k + RECENT) % RECENT;
        this.step(this.recentA[i] as number, this.recentDt[i] as number, false);
      }
    }
    this.remember(a, dtS, walking);
    this.step(a, dtS, walking);
    this.anchorM *= Math.exp(-dtS / RESTLESS_FADE_S);
    if (walking) {
      if (this.t > 2 * this.maxBoutS && this.sums.w > 0) this.startBout(0);
      this.heightM = 0;
      return 0;
    }
    this.heightM = this.estimate();
    if (this.t > this.maxBoutS) this.startBout(this.heightM);
    return this.heightM;
  }

  /**
   * The steps ended. Without enough trusted steps for a level reference (a short walk) the wearer
   * was upright: a new bout starts at height 0. Otherwise the bout goes on from the level reference.
   * (Integrating the flag's tail again without the gait's rectification taken off was tried: worse.)
   */
  private endWalk(): void {
    if (this.sums.w < MIN_WALK_WEIGHT) this.startBout(0);
  }

  private remember(a: number, dtS: number, walking: boolean): void {
    if (walking) {
      this.recentLen = 0;
      return;
    }
    this.recentA[this.recentHead] = a;
    this.recentDt[this.recentHead] = dtS;
    this.recentHead = (this.recentHead + 1) % RECENT;
    this.recentLen = Math.min(RECENT, this.recentLen + 1);
  }

  private step(a: number, dtS: number, walking: boolean): void {
    this.t += dtS;
    if (walking) this.tw += dtS;
    else this.to += dtS;
    this.v += a * dtS;
    this.h += this.v * dtS;
    this.ho += this.to * dtS;
    this.hw += this.tw * dtS;
    if (!walking) {
      this.pendingLen = 0;
      return;
    }
    if (this.pendingLen === PENDING_ROWS) this.commitOldest();
    const o = ((this.pendingHead + this.pendingLen) % PENDING_ROWS) * ROW;
    const p = this.pending;
    p[o] = this.t;
    p[o + 1] = this.to;
    p[o + 2] = this.v;
    p[o + 3] = this.h;
    p[o + 4] = this.ho;
    p[o + 5] = a;
    p[o + 6] = this.tw;
    p[o + 7] = this.hw;
    this.pendingLen++;
    while (this.pendingLen > 0 && (p[this.pendingHead * ROW] as number) < this.t - this.tailS)
      this.commitOldest();
  }

  /** A time gap: the velocity is unknown, the height (the wearer's posture) is kept. */
  restartSegment(): void {
    this.recentLen = 0;
    this.walkRunS = 0;
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
    this.to = 0;
    this.v = 0;
    this.h = 0;
    this.ho = 0;
    this.tw = 0;
    this.hw = 0;
    this.sums = emptySums();
    this.pendingLen = 0;
  }

  private commitOldest(): void {
    const o = this.pendingHead * ROW;
    const p = this.pending;
    const t = p[o] as number;
    const to = p[o + 1] as number;
    const v = p[o + 2] as number;
    const h = p[o + 3] as number;
    const ho = p[o + 4] as number;
    const raw = p[o + 5] as number;
    const tw = p[o + 6] as number;
    const hw = p[o + 7] as number;
    this.pendingHead = (this.pendingHead + 1) % PENDING_ROWS;
    this.pendingLen--;
    const s = this.sums;
    const k = s.w > 0 ? Math.exp(-(t - s.last) / this.memoryS) : 1;
    s.last = t;
    s.w = s.w * k + 1;
    s.t = s.t * k + t;
    s.to = s.to * k + to;
    s.v = s.v * k + v;
    s.h = s.h * k + h;
    s.ho = s.ho * k + ho;
    s.a = s.a * k + raw;
    s.tw = s.tw * k + tw;
    s.hw = s.hw * k + hw;
  }

  /** Height change if the wearer is at rest now (zero velocity), m. */
  private estimate(): number {
    const s = this.sums;
    let d: number;
    if (s.w >= MIN_WALK_WEIGHT) {
      // Relative to level walking: over the steps the velocity has mean 0 and no trend once their
      // mean acceleration (the rectification ma) is taken off while walking; velocity 0 now.
      const w = s.w;
      const ma = s.a / w;
      const mto = s.to / w;
      const mtw = s.tw / w;
      const mv = s.v / w - ma * mtw;
      const vNow = this.v - ma * this.tw;
      const span = this.to - mto;
      // Right after the steps there is no time yet to tell a bias from a movement.
      const b = span > 0.3 ? -(vNow - mv) / span : 0;
      const v0 = -mv - b * mto;
      d = this.h - s.h / w + v0 * (this.t - s.t / w) - ma * (this.hw - s.hw / w) + b * (this.ho - s.ho / w);
    } else {
      // From rest: velocity 0 at the start and now; the difference is a constant bias.
      const b = this.to > 0 ? -this.v / this.to : 0;
      d = this.anchorM + this.h + b * this.ho;
    }
    return Math.max(this.minM, Math.min(this.maxM, d));
  }
}
