import type { PostureClass } from '@haltung/protocol';
import type { PosturePrediction } from './posture-model.js';

/** Default time constant of the smoothing, seconds: a posture change shows within about 1 s. */
export const DEFAULT_SMOOTHING_S = 1;

/**
 * Causal smoothing of one wearer's window probabilities: an exponential moving average with time
 * constant `timeConstantS`, so a single odd window (a sway that looks like sitting) does not flip the
 * class, while a real change wins within about a second. It never looks ahead, so it adds no delay
 * beyond the average itself. A gap longer than `maxGapMs` starts afresh.
 */
export class PostureSmoother {
  private state: Float32Array | null = null;
  private lastTMs = Number.NaN;

  constructor(
    private readonly classes: readonly PostureClass[],
    private readonly timeConstantS = DEFAULT_SMOOTHING_S,
    private readonly maxGapMs = 3000,
  ) {}

  /** Adds the next window (its end time, ms, and softmax) and returns the smoothed prediction. */
  push(tEndMs: number, probabilities: ArrayLike<number>): PosturePrediction {
    const dtMs = tEndMs - this.lastTMs;
    if (!this.state || !(dtMs > 0) || dtMs > this.maxGapMs || this.timeConstantS <= 0) {
      this.state = Float32Array.from(probabilities);
    } else {
      const a = 1 - Math.exp(-dtMs / 1000 / this.timeConstantS);
      for (let c = 0; c < this.state.length; c++) {
        this.state[c] =
          (this.state[c] as number) + a * ((probabilities[c] as number) - (this.state[c] as number));
      }
    }
    this.lastTMs = tEndMs;
    let best = 0;
    for (let c = 1; c < this.state.length; c++)
      if ((this.state[c] as number) > (this.state[best] as number)) best = c;
    return {
      class: this.classes[best] as PostureClass,
      confidence: this.state[best] as number,
      probabilities: this.state.slice(),
    };
  }

  /** Forgets the history (e.g. the device was re-mounted). */
  reset(): void {
    this.state = null;
    this.lastTMs = Number.NaN;
  }
}
