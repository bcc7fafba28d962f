import type { PostureClass } from '@haltung/protocol';

/** Thresholds of the baseline; fixed, not fitted per person. */
export const BASELINE_LIMITS = {
  /** Seconds at the start of a recording taken as the upright reference. */
  referenceS: 1,
  /** Inclination from the reference at or beyond which the wearer lies, degrees. */
  lyingDeg: 60,
  /** Inclination at or beyond which a still wearer sits, degrees. */
  sittingDeg: 15,
  /** Standard deviation of the acceleration magnitude above which the wearer walks, m/s². */
  walkingStdMs2: 1,
} as const;

/**
 * The comparison baseline of `npm run evaluate`: a plain threshold on the inclination of the mean
 * acceleration against the mean of the recording's first second (assumed upright), plus a threshold
 * on movement for walking. It knows four classes only: standing, walking, sitting, lying.
 */
export class InclinationBaseline {
  private readonly ref: [number, number, number];

  /** @param acc count × 3 interleaved m/s²; @param tMs sample times of the same recording. */
  constructor(
    private readonly tMs: ArrayLike<number>,
    private readonly acc: ArrayLike<number>,
  ) {
    const t0 = tMs[0] ?? 0;
    let end = 0;
    while (end < tMs.length && (tMs[end] as number) - t0 < BASELINE_LIMITS.referenceS * 1000) end++;
    this.ref = this.mean(0, Math.max(end, 1));
  }

  /** Inclination of samples [from, to) against the reference, degrees. */
  inclinationDeg(from: number, to: number): number {
    const m = this.mean(from, to);
    const dot = m[0] * this.ref[0] + m[1] * this.ref[1] + m[2] * this.ref[2];
    const norm = Math.hypot(...m) * Math.hypot(...this.ref);
    return norm > 0 ? (Math.acos(Math.min(1, Math.max(-1, dot / norm))) * 180) / Math.PI : 0;
  }

  /** Class of the samples [from, to) (indices into the recording). */
  classify(from: number, to: number): PostureClass {
    const incl = this.inclinationDeg(from, to);
    if (incl >= BASELINE_LIMITS.lyingDeg) return 'lying';
    if (this.magnitudeStd(from, to) > BASELINE_LIMITS.walkingStdMs2) return 'walking';
    return incl >= BASELINE_LIMITS.sittingDeg ? 'sitting' : 'standing';
  }

  /** Class of the samples from `tStartMs` to `tEndMs` inclusive. */
  classifyTimes(tStartMs: number, tEndMs: number): PostureClass {
    const from = this.indexAt(tStartMs);
    return this.classify(from, Math.max(from + 1, this.indexAt(tEndMs + 1e-6)));
  }

  /** Index of the first sample at or after `tMs` (binary search), for window bounds. */
  indexAt(tMs: number): number {
    let lo = 0;
    let hi = this.tMs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tMs[mid] as number) < tMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private mean(from: number, to: number): [number, number, number] {
    const m: [number, number, number] = [0, 0, 0];
    const n = Math.max(1, to - from);
    for (let i = from; i < to; i++) {
      m[0] += (this.acc[3 * i] as number) / n;
      m[1] += (this.acc[3 * i + 1] as number) / n;
      m[2] += (this.acc[3 * i + 2] as number) / n;
    }
    return m;
  }

  private magnitudeStd(from: number, to: number): number {
    let sum = 0;
    let sum2 = 0;
    const n = Math.max(1, to - from);
    for (let i = from; i < to; i++) {
      const a = Math.hypot(
        this.acc[3 * i] as number,
        this.acc[3 * i + 1] as number,
        this.acc[3 * i + 2] as number,
      );
      sum += a;
      sum2 += a * a;
    }
    const mean = sum / n;
    return Math.sqrt(Math.max(0, sum2 / n - mean * mean));
  }
}
