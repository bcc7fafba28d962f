import { CANONICAL_RATE_HZ } from '../constants.js';
import { autocorrelationPeak } from '../math/autocorrelation.js';
import type { Vec3 } from '../math/vec3.js';

export interface GaitDetectorOptions {
  /** Sample rate, Hz (default {@link CANONICAL_RATE_HZ}). */
  rateHz?: number;
  /** Window, s (default 3). */
  windowS?: number;
  /** Smallest std of |acc| for gait, m/s² (default 0.7). */
  minStdMs2?: number;
  /** Smallest autocorrelation peak at a step or stride period (0.5–2.5 Hz) for gait (default 0.4). */
  minPeak?: number;
  /**
   * Largest angle between the up direction and its window mean for gait, ° (default 20): the trunk
   * sways a few degrees while walking, while repeated bending or lifting swings it far more.
   */
  maxTiltSpreadDeg?: number;
  /**
   * Smallest such angle for gait, ° (default 0). An arm sensor uses 10: a hanging arm swings
   * while walking, an arm carrying a load barely moves (and is not hanging, so it must not teach
   * the arm's hanging reference).
   */
  minTiltSpreadDeg?: number;
}

/**
 * Detects walking: a lively and periodic acceleration magnitude, with its autocorrelation peaking
 * at a step or stride period between 0.4 and 2 s. Evaluated every 5th sample to stay cheap.
 */
export class GaitDetector {
  private readonly rateHz: number;
  private readonly n: number;
  private readonly minStd: number;
  private readonly minPeak: number;
  private readonly minCosSpread: number;
  private readonly maxCosSpread: number;
  private readonly buf: Float64Array;
  private readonly upBuf: Float64Array;
  private readonly ordered: Float64Array;
  private len = 0;
  private head = 0;
  private sinceEval = 0;
  private state = false;
  private stepHz = 0;

  constructor(options: GaitDetectorOptions = {}) {
    this.rateHz = options.rateHz ?? CANONICAL_RATE_HZ;
    this.n = Math.round((options.windowS ?? 3) * this.rateHz);
    this.minStd = options.minStdMs2 ?? 0.7;
    this.minPeak = options.minPeak ?? 0.4;
    this.minCosSpread = Math.cos(((options.maxTiltSpreadDeg ?? 20) * Math.PI) / 180);
    this.maxCosSpread = Math.cos(((options.minTiltSpreadDeg ?? 0) * Math.PI) / 180);
    this.buf = new Float64Array(this.n);
    this.upBuf = new Float64Array(this.n * 3);
    this.ordered = new Float64Array(this.n);
  }

  /**
   * Feeds |acc| (m/s²) and the unit up direction of one sample; returns whether the wearer is
   * walking. Pass `up` as [0, 0, 0] to skip the tilt check.
   */
  update(accNormMs2: number, up: Vec3): boolean {
    this.buf[this.head] = accNormMs2;
    this.upBuf.set(up, this.head * 3);
    this.head = (this.head + 1) % this.n;
    if (this.len < this.n) this.len++;
    if (this.len < this.n || ++this.sinceEval < 5) return this.state;
    this.sinceEval = 0;
    for (let i = 0; i < this.n; i++) this.ordered[i] = this.buf[(this.head + i) % this.n] as number;
    let mean = 0;
    for (const v of this.ordered) mean += v;
    mean /= this.n;
    let variance = 0;
    for (const v of this.ordered) variance += (v - mean) ** 2;
    const std = Math.sqrt(variance / this.n);
    if (std < this.minStd || !this.tiltSteady()) {
      this.state = false;
      return false;
    }
    const { peak, lag } = autocorrelationPeak(
      this.ordered,
      Math.round(this.rateHz / 2.5),
      Math.round(this.rateHz / 0.5),
    );
    this.state = peak >= this.minPeak;
    this.stepHz = this.state ? this.rateHz / lag : 0;
    return this.state;
  }

  // The largest angle of up from its mean over the last half of the window (≥ one stride at 0.7 Hz)
  // must lie between the min and max tilt spread; the short span lets the flag end soon after a
  // hanging arm stops swinging.
  private tiltSteady(): boolean {
    const span = Math.ceil(this.n / 2);
    let x = 0;
    let y = 0;
    let z = 0;
    for (let k = 0; k < span; k++) {
      const i = (this.head - 1 - k + this.n) % this.n;
      x += this.upBuf[i * 3] as number;
      y += this.upBuf[i * 3 + 1] as number;
      z += this.upBuf[i * 3 + 2] as number;
    }
    const len = Math.hypot(x, y, z);
    if (len === 0) return true;
    let minCos = 1;
    for (let k = 0; k < span; k++) {
      const i = (this.head - 1 - k + this.n) % this.n;
      const c =
        ((this.upBuf[i * 3] as number) * x +
          (this.upBuf[i * 3 + 1] as number) * y +
          (this.upBuf[i * 3 + 2] as number) * z) /
        len;
      minCos = Math.min(minCos, c);
    }
    return minCos >= this.minCosSpread && minCos <= this.maxCosSpread;
  }

  /** Whether the last evaluation found gait. */
  get walking(): boolean {
    return this.state;
  }

  /** Frequency of the autocorrelation peak while walking (step or stride rate), Hz; 0 otherwise. */
  get periodicityHz(): number {
    return this.stepHz;
  }

  reset(): void {
    this.len = 0;
    this.head = 0;
    this.sinceEval = 0;
    this.state = false;
    this.stepHz = 0;
  }
}
