import { add, normalize, scale, sub, type Vec3 } from '../math/vec3.js';

export interface WalkingMeanOptions {
  /** A bout counts once it has lasted this long, s. */
  minBoutS: number;
  /** Counted walking needed before the mean is reported, s. */
  walkMinS: number;
  /** Memory of the running mean, s of walking. */
  memoryS: number;
  /** The last seconds of every bout are dropped: the gait flag outlasts the gait (default 1.5). */
  trailS?: number;
}

/**
 * Running mean of the up direction while walking, from sustained bouts only. The gait flag
 * comes from a window of the past few seconds, so it switches on after the first steps (those are
 * gait, and counted once the bout proves sustained) and off up to 1.5 s after the last step (those
 * seconds may already be the next posture, so they are dropped). Memory: one bout's pending samples.
 */
export class WalkingMean {
  private readonly pending: Vec3[] = [];
  private mean: Vec3 = [0, 0, 0];
  private count = 0;
  private seconds = 0;
  private boutStartMs = Number.NaN;
  /** Length of the current (or last) walking bout, s. */
  boutS = 0;
  /** When the wearer was last flagged walking, ms (−∞ if never). */
  lastWalkMs = Number.NEGATIVE_INFINITY;
  /** Start of the current (or last) bout, ms. */
  get boutStartedMs(): number {
    return this.boutStartMs;
  }

  constructor(private readonly o: WalkingMeanOptions) {}

  /** Feeds one sample; returns true on the sample where the current bout becomes sustained. */
  update(tMs: number, up: Vec3, walking: boolean, dtS: number): boolean {
    if (!walking) {
      this.pending.length = 0;
      this.boutStartMs = Number.NaN;
      return false;
    }
    if (Number.isNaN(this.boutStartMs)) {
      this.boutStartMs = tMs;
      this.boutS = 0;
    }
    const wasSustained = this.boutS >= this.o.minBoutS;
    this.boutS = (tMs - this.boutStartMs) / 1000;
    this.lastWalkMs = tMs;
    this.pending.push(up);
    const keep = Math.ceil((this.o.trailS ?? 1.5) / Math.max(dtS, 1e-3));
    if (this.boutS >= this.o.minBoutS) {
      while (this.pending.length > keep) this.add(this.pending.shift() as Vec3, dtS);
    }
    return !wasSustained && this.boutS >= this.o.minBoutS;
  }

  private add(up: Vec3, dtS: number): void {
    this.count = Math.min(this.count + 1, this.o.memoryS / Math.max(dtS, 1e-3));
    this.mean = add(this.mean, scale(sub(up, this.mean), 1 / this.count));
    this.seconds += dtS;
  }

  /** The mean up direction while walking, once enough walking was counted; else null. */
  get reference(): Vec3 | null {
    return this.seconds >= this.o.walkMinS ? normalize(this.mean) : null;
  }

  reset(): void {
    this.pending.length = 0;
    this.mean = [0, 0, 0];
    this.count = 0;
    this.seconds = 0;
    this.boutStartMs = Number.NaN;
    this.boutS = 0;
    this.lastWalkMs = Number.NEGATIVE_INFINITY;
  }
}
