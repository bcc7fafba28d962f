import { DEFAULT_HOP_SAMPLES, DEFAULT_WINDOW_SAMPLES } from '../constants.js';

export interface WindowerOptions {
  /** Window length, samples (default {@link DEFAULT_WINDOW_SAMPLES}). */
  lengthSamples?: number;
  /** Samples between window starts (default {@link DEFAULT_HOP_SAMPLES}). */
  hopSamples?: number;
}

/**
 * Cuts a stream of canonical samples into overlapping windows of fixed length. Samples can be
 * pushed one at a time, so windows do not care where frames began or ended; a change of `segment`
 * (a time gap) starts over, so no window spans a gap. Memory is one window.
 */
export class Windower<T extends { segment: number }> {
  readonly lengthSamples: number;
  readonly hopSamples: number;
  private buf: T[] = [];
  private untilNext: number;
  private segment = Number.NaN;

  constructor(options: WindowerOptions = {}) {
    this.lengthSamples = options.lengthSamples ?? DEFAULT_WINDOW_SAMPLES;
    this.hopSamples = options.hopSamples ?? DEFAULT_HOP_SAMPLES;
    if (!(Number.isInteger(this.lengthSamples) && this.lengthSamples > 0)) {
      throw new RangeError(`window lengthSamples must be a positive integer, got ${this.lengthSamples}`);
    }
    if (!(Number.isInteger(this.hopSamples) && this.hopSamples > 0)) {
      throw new RangeError(`window hopSamples must be a positive integer, got ${this.hopSamples}`);
    }
    this.untilNext = this.lengthSamples;
  }

  /** Adds one sample; returns a completed window (oldest first, a fresh array) or null. */
  push(sample: T): readonly T[] | null {
    if (sample.segment !== this.segment) {
      this.reset();
      this.segment = sample.segment;
    }
    this.buf.push(sample);
    if (this.buf.length > this.lengthSamples) this.buf.shift();
    if (--this.untilNext > 0) return null;
    this.untilNext = this.hopSamples;
    return this.buf.slice();
  }

  /** Adds many samples; returns every window they complete. */
  pushAll(samples: Iterable<T>): (readonly T[])[] {
    const out: (readonly T[])[] = [];
    for (const s of samples) {
      const w = this.push(s);
      if (w) out.push(w);
    }
    return out;
  }

  reset(): void {
    this.buf = [];
    this.untilNext = this.lengthSamples;
    this.segment = Number.NaN;
  }
}
