import type { ImuFrame } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import { FrameGuard } from './frame-guard.js';
import { TokenBucket } from './token-bucket.js';

const NOW = 1_700_000_000_000;
const frame = (t0Ms: number, seq: number, count = 25): ImuFrame => ({
  placement: 'trunk',
  sampleRateHz: 50,
  t0Ms,
  seq,
  count,
  acc: new Float32Array(count * 3),
  gyro: null,
});
const guard = (maxClockSkewMs = 0) =>
  new FrameGuard({ maxGapMs: 500, restartAfterBackwards: 3, maxClockSkewMs });

describe('FrameGuard', () => {
  it('accepts a contiguous stream and reports gaps and lost frames', () => {
    const g = guard();
    expect(g.check(frame(NOW, 0), NOW)).toEqual({ ok: true, gap: false, restart: false, lostFrames: 0 });
    expect(g.check(frame(NOW + 500, 1), NOW)).toMatchObject({ ok: true, gap: false, lostFrames: 0 });
    // Two frames (1 s) missing: a gap, and two lost by sequence number.
    expect(g.check(frame(NOW + 2000, 4), NOW)).toMatchObject({ ok: true, gap: true, lostFrames: 2 });
  });

  it('drops duplicates and time going backwards; a clock that stays behind is a restart', () => {
    const g = guard();
    g.check(frame(NOW, 0), NOW);
    g.check(frame(NOW + 500, 1), NOW);
    expect(g.check(frame(NOW + 500, 1), NOW)).toEqual({ ok: false, reason: 'duplicate' });
    expect(g.check(frame(NOW, 7), NOW)).toEqual({ ok: false, reason: 'time_backwards' });
    expect(g.check(frame(NOW + 100, 8), NOW)).toEqual({ ok: false, reason: 'time_backwards' });
    expect(g.check(frame(NOW - 60_000, 9), NOW)).toMatchObject({ ok: true, restart: true });
    expect(g.check(frame(NOW - 59_500, 10), NOW)).toMatchObject({ ok: true, restart: false });
  });

  it('refuses frames far from the agent’s clock when a skew limit is set', () => {
    expect(guard(60_000).check(frame(NOW - 120_000, 0), NOW)).toEqual({ ok: false, reason: 'clock_skew' });
    expect(guard(60_000).check(frame(NOW - 30_000, 0), NOW)).toMatchObject({ ok: true });
  });
});

describe('TokenBucket', () => {
  it('allows the rate plus a burst, then refills with wall time', () => {
    const bucket = new TokenBucket(100, 200);
    expect(bucket.take(150, 0)).toBe(true);
    expect(bucket.take(100, 0)).toBe(false); // 50 left
    expect(bucket.take(50, 0)).toBe(true);
    expect(bucket.take(100, 500)).toBe(false); // 50 refilled in 0.5 s
    expect(bucket.take(100, 1000)).toBe(true);
    expect(bucket.take(1000, 100_000)).toBe(false); // never more than the burst
  });
});
