import type { ImuFrame } from '@haltung/protocol';
import type { DropReason } from './drop-reasons.js';

export interface FrameGuardOptions {
  /** A frame starting this much after the previous one ended is a gap (kept, but the hold breaks). */
  maxGapMs: number;
  /** Consecutive backwards frames after which the stream is taken as restarted (a rebooted clock). */
  restartAfterBackwards: number;
  /** Frames whose time is further than this from the wall clock are refused; 0 = no check. */
  maxClockSkewMs: number;
}

export type FrameVerdict =
  | { ok: true; gap: boolean; restart: boolean; lostFrames: number }
  | { ok: false; reason: DropReason };

/**
 * Stream checks for one sensor of one device, on frames that decoded fine: duplicates and time
 * going backwards are dropped (a persistent backwards clock is accepted as a restart), gaps and
 * lost frames (sequence jumps) are reported, a clock far from the wall clock is refused.
 */
export class FrameGuard {
  private lastEndMs = Number.NaN;
  private lastT0Ms = Number.NaN;
  private lastSeq = -1;
  private backwards = 0;

  constructor(private readonly options: FrameGuardOptions) {}

  check(frame: ImuFrame, nowMs: number): FrameVerdict {
    const skew = this.options.maxClockSkewMs;
    if (skew > 0 && Math.abs(frame.t0Ms - nowMs) > skew) return { ok: false, reason: 'clock_skew' };
    const periodMs = 1000 / frame.sampleRateHz;
    const endMs = frame.t0Ms + (frame.count - 1) * periodMs;
    if (Number.isNaN(this.lastEndMs)) return this.accept(frame, endMs, false, false, 0);
    if (frame.seq === this.lastSeq && frame.t0Ms === this.lastT0Ms) return { ok: false, reason: 'duplicate' };
    if (frame.t0Ms < this.lastEndMs + periodMs / 2) {
      this.backwards += 1;
      if (this.backwards < this.options.restartAfterBackwards) return { ok: false, reason: 'time_backwards' };
      return this.accept(frame, endMs, false, true, 0);
    }
    const gap = frame.t0Ms - this.lastEndMs > this.options.maxGapMs;
    const lost = (frame.seq - this.lastSeq - 1) >>> 0;
    return this.accept(frame, endMs, gap, false, lost < 0x80000000 ? lost : 0);
  }

  private accept(frame: ImuFrame, endMs: number, gap: boolean, restart: boolean, lostFrames: number) {
    this.lastEndMs = endMs;
    this.lastT0Ms = frame.t0Ms;
    this.lastSeq = frame.seq;
    this.backwards = 0;
    return { ok: true as const, gap, restart, lostFrames };
  }
}
