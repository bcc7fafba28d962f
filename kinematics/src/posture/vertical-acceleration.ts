import type { Vec3 } from '../math/vec3.js';
import { RestNormModel } from './rest-norm-model.js';

/** Samples of the 1 s look-back (quiet window, rest-learning delay) at the canonical 25 Hz. */
export const LOOK_BACK_SAMPLES = 25;
/** Largest standard deviation of the vertical acceleration over 1 s for "quiet", m/s². */
const QUIET_STD_MS2 = 0.08;
const SPIKE_WINDOW = 5;
/**
 * A sample learned as rest must agree with the mean of the quiet window within this, m/s² (3 × the
 * quiet spread; 2× and 5× measured worse).
 */
const LEARN_AGREE_MS2 = 3 * QUIET_STD_MS2;
const sorted = new Float64Array(SPIKE_WINDOW);
/** Quiet this long counts as rest whatever its mean (see `restMeanMs2`), samples (2 s at 25 Hz). */
const QUIET_REST_AFTER = 2 * LOOK_BACK_SAMPLES;

export interface VerticalAccelerationOptions {
  /**
   * Quiet counts as rest only if the window's mean vertical acceleration is within this plus
   * `restMeanSds` × the rest model's uncertainty in the orientation held, or after 2 s of quiet,
   * m/s² (default: any mean). A slow sit-down or kneel brakes at a steady 0.1–0.35 m/s² for a
   * second: the spread test alone took it for rest and ended the movement half-way. Where the rest
   * model has not learned the orientation yet, a real sensor's offset there is as large, so the
   * allowance grows with its uncertainty.
   */
  restMeanMs2?: number;
  /** See `restMeanMs2` (default 5). */
  restMeanSds?: number;
  /**
   * Learn |acc| at rest from a sample only if the second before it was quiet too, not just the
   * second after it (default false): the start of a slow movement passes the test 1 s later and
   * taught the rest model slopes of 1 m/s² over a few degrees of tilt (error-free IMUs).
   */
  learnBetweenQuiet?: boolean;
}

/** Median of the first n values of v (n ≤ SPIKE_WINDOW). */
function median(v: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) {
    const x = v[i] as number;
    let j = i;
    while (j > 0 && (sorted[j - 1] as number) > x) {
      sorted[j] = sorted[j - 1] as number;
      j--;
    }
    sorted[j] = x;
  }
  return sorted[n >> 1] as number;
}

/** One conditioned sample (reused between calls). */
export interface VerticalSample {
  /** Vertical linear acceleration, m/s², + up. */
  accMs2: number;
  /**
   * At rest: the still flag, and the vertical acceleration within ±0.08 m/s² (std) over 1 s (and,
   * with `restMeanMs2`, its mean near 0).
   */
  quiet: boolean;
}

/**
 * The vertical linear acceleration for double integration, from |acc| (accelerometer-only: |acc| − g
 * is the vertical acceleration to first order whatever the tilt):
 * - |acc| at rest is learned per orientation (`RestNormModel`) from quiet samples 1 s back (the quiet
 *   window vouches for them; the still flag alone lets slow movements through, whose acceleration
 *   must not be learned as an offset);
 * - a 5-sample median (0.2 s) drops isolated jolts: |acc| − g rectifies a large horizontal jolt into
 *   a large upward acceleration (√(g² + 30²) − g ≈ 22 m/s²). Postures change over seconds and pass
 *   untouched (80 ms later);
 * - "quiet" is stricter than the still flag (whose 0.3 m/s² spread lets a slow sit-down pass).
 */
export class VerticalAcceleration {
  private readonly restMeanMs2: number;
  private readonly restMeanSds: number;
  private readonly learnBetweenQuiet: boolean;
  private readonly rest = new RestNormModel();
  private readonly out: VerticalSample = { accMs2: 0, quiet: false };
  private readonly delayNorm = new Float64Array(LOOK_BACK_SAMPLES);
  private readonly delayUp = new Float64Array(LOOK_BACK_SAMPLES * 3);
  private delayHead = 0;
  // The quiet flag of each delayed sample, as it was when the sample came in.
  private readonly delayQuiet = new Uint8Array(LOOK_BACK_SAMPLES);
  private delayCount = 0;
  private readonly spikes = new Float64Array(SPIKE_WINDOW);
  private spikeHead = 0;
  private spikeCount = 0;
  private readonly quietBuf = new Float64Array(LOOK_BACK_SAMPLES);
  private quietHead = 0;
  private quietCount = 0;
  private quietSum = 0;
  private quietSq = 0;
  private quietRun = 0;

  constructor(options: VerticalAccelerationOptions = {}) {
    this.restMeanMs2 = options.restMeanMs2 ?? Number.POSITIVE_INFINITY;
    this.restMeanSds = options.restMeanSds ?? 5;
    this.learnBetweenQuiet = options.learnBetweenQuiet ?? false;
  }

  /** Feeds |acc| (m/s²), the up direction (unit, sensor frame) and the still flag of one sample. */
  update(accNormMs2: number, up: Vec3, still: boolean): VerticalSample {
    const valid = Number.isFinite(accNormMs2) && up.every(Number.isFinite);
    const k = this.delayHead;
    const delayed = this.delayNorm[k] as number;
    const delayedUp: Vec3 = [
      this.delayUp[3 * k] as number,
      this.delayUp[3 * k + 1] as number,
      this.delayUp[3 * k + 2] as number,
    ];
    this.delayNorm[k] = valid ? accNormMs2 : Number.NaN;
    if (valid) this.delayUp.set(up, 3 * k);
    this.delayHead = (k + 1) % LOOK_BACK_SAMPLES;
    this.delayCount++;
    this.spikes[this.spikeHead] = valid ? accNormMs2 - this.rest.predict(up) : 0;
    this.spikeHead = (this.spikeHead + 1) % SPIKE_WINDOW;
    this.spikeCount = Math.min(SPIKE_WINDOW, this.spikeCount + 1);
    const a = median(this.spikes, this.spikeCount);
    const quiet = this.quiet(a, still);
    const quietBefore = !this.learnBetweenQuiet || this.delayQuiet[k] === 1;
    this.delayQuiet[k] = quiet ? 1 : 0;
    // The 5-sample median hides a single jolt from the quiet test, so the sample learned must also
    // agree with the window: one end-of-walk sample with a skewed up direction, learned as rest,
    // set a bias of 0.3 m/s² for unseen orientations (a 77° stoop then read 0.3 m too low).
    if (
      quiet &&
      quietBefore &&
      Number.isFinite(delayed) &&
      this.delayCount > LOOK_BACK_SAMPLES &&
      Math.abs(delayed - this.rest.predict(delayedUp) - this.quietSum / LOOK_BACK_SAMPLES) <= LEARN_AGREE_MS2
    )
      this.rest.update(delayed, delayedUp);
    this.out.accMs2 = a;
    this.quietRun = quiet ? this.quietRun + 1 : 0;
    this.out.quiet =
      quiet &&
      (this.quietRun >= QUIET_REST_AFTER ||
        this.restMeanMs2 === Number.POSITIVE_INFINITY ||
        Math.abs(this.quietSum / LOOK_BACK_SAMPLES) <=
          this.restMeanMs2 + this.restMeanSds * this.rest.predictionSd(up));
    return this.out;
  }

  /**
   * Copies the rest model's parameters (m/s²; |acc| at rest with up u is θ₀ + θ₁u₀ + θ₂u₁ + θ₃u₂)
   * into out: the offsets of a bout can be corrected once the posture it ended in has been learned.
   */
  copyRestParameters(out: Float64Array): void {
    this.rest.copyParameters(out);
  }

  /** A time gap: the windows restart, the learned rest model (the sensor's) is kept. */
  restartSegment(): void {
    this.delayCount = 0;
    this.spikeCount = 0;
    this.quietCount = 0;
    this.quietSum = 0;
    this.quietSq = 0;
    this.quietRun = 0;
    this.delayQuiet.fill(0);
  }

  /** Forgets everything, the rest model too (another sensor). */
  reset(): void {
    this.rest.reset();
    this.restartSegment();
  }

  private quiet(a: number, still: boolean): boolean {
    const old = this.quietBuf[this.quietHead] as number;
    this.quietBuf[this.quietHead] = a;
    this.quietHead = (this.quietHead + 1) % LOOK_BACK_SAMPLES;
    if (this.quietCount === LOOK_BACK_SAMPLES) {
      this.quietSum -= old;
      this.quietSq -= old * old;
    } else {
      this.quietCount++;
    }
    this.quietSum += a;
    this.quietSq += a * a;
    if (!still || this.quietCount < LOOK_BACK_SAMPLES) return false;
    const mean = this.quietSum / LOOK_BACK_SAMPLES;
    return this.quietSq / LOOK_BACK_SAMPLES - mean * mean <= QUIET_STD_MS2 * QUIET_STD_MS2;
  }
}
