/**
 * One episode of a hazard with hysteresis: it starts on the first sample beyond the threshold and
 * ends only after the signal has stayed below threshold − hysteresis for `recoverMs` (HeadOrbit
 * PR#1), so a signal hovering at the threshold is one episode, not many.
 */
export class Episode {
  /** Time of the first sample beyond the threshold; NaN when no episode is running. */
  onsetMs = Number.NaN;
  /** The first warning of this episode was raised (or deliberately not: suppressed). */
  warned = false;
  escalated = false;
  /** Suppressed by another rule, or acknowledged by the worker: no escalation either. */
  silenced = false;
  private recoverSinceMs = Number.NaN;
  private lastTMs = Number.NaN;
  private sum = 0;
  private n = 0;

  get active(): boolean {
    return !Number.isNaN(this.onsetMs);
  }

  /** Mean of the values fed while the episode ran. */
  get meanValue(): number {
    return this.n > 0 ? this.sum / this.n : Number.NaN;
  }

  /**
   * @param beyond the sample is beyond the threshold (starts an episode).
   * @param recovering the sample is below threshold − hysteresis (counts towards the end).
   * @returns 'start' or 'end' when the episode just started or ended, else null.
   */
  step(tMs: number, value: number, beyond: boolean, recovering: boolean, recoverMs: number) {
    // Each sample stands for the time since the previous one: 40 samples at 50 Hz are 0.8 s.
    const stepMs = tMs - this.lastTMs;
    this.lastTMs = tMs;
    if (!this.active) {
      if (!beyond) return null;
      this.reset();
      this.onsetMs = tMs;
      this.add(value);
      return 'start' as const;
    }
    if (recovering) {
      if (Number.isNaN(this.recoverSinceMs))
        this.recoverSinceMs = tMs - (Number.isFinite(stepMs) ? Math.min(Math.max(stepMs, 0), 1000) : 0);
      if (tMs - this.recoverSinceMs >= recoverMs) {
        this.reset();
        return 'end' as const;
      }
    } else {
      this.recoverSinceMs = Number.NaN;
      this.add(value);
    }
    return null;
  }

  /** Seconds since the onset. */
  heldS(tMs: number): number {
    return this.active ? (tMs - this.onsetMs) / 1000 : 0;
  }

  reset(): void {
    this.onsetMs = Number.NaN;
    this.recoverSinceMs = Number.NaN;
    this.warned = false;
    this.escalated = false;
    this.silenced = false;
    this.sum = 0;
    this.n = 0;
  }

  private add(value: number): void {
    this.sum += value;
    this.n += 1;
  }
}
