/**
 * Rate limit per device: `ratePerS` tokens a second (wall clock), at most `burst` saved up. A
 * device that floods beyond it has its frames dropped without slowing anyone else.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs = Number.NaN;

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes `n` tokens if there are enough; false (and nothing taken) otherwise. */
  take(n: number, nowMs: number): boolean {
    if (!Number.isNaN(this.lastMs)) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) / 1000) * this.ratePerS);
    }
    this.lastMs = nowMs;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
