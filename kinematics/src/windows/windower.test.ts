import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAxisAngle } from '../math/quat.js';
import type { PostureSample } from '../posture/posture-sample.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { bodyPose, ramp, synthesize } from '../testing/synth.js';
import type { RawSample } from '../types.js';
import { extractFeatures } from './extract-features.js';
import { Windower } from './windower.js';

fc.configureGlobal({ seed: 20261125 });

const raw = synthesize({
  rateHz: 50,
  durationS: 12,
  t0Ms: 1_700_000_000_010,
  mount: fromAxisAngle([1, 2, 3], 1),
  gyro: true,
  accNoise: 0.05,
  pose: (t) => bodyPose(45 * ramp(t, 3, 5), 0, 20 * Math.sin(t)),
});

/** Splits a sample list into consecutive frames at the given cut points. */
function toFrames(samples: RawSample[], cuts: number[]) {
  const bounds = [0, ...[...new Set(cuts)].sort((a, b) => a - b), samples.length];
  return bounds.slice(0, -1).flatMap((start, i) => {
    const part = samples.slice(start, bounds[i + 1]);
    const first = part[0];
    if (!first) return [];
    return [
      {
        t0Ms: first.tMs,
        sampleRateHz: 50,
        count: part.length,
        acc: Float32Array.from(part.flatMap((s) => [...s.acc])),
        gyro: Float32Array.from(part.flatMap((s) => [...(s.gyro ?? [0, 0, 0])])),
      },
    ];
  });
}

const windowsOf = (frames: ReturnType<typeof toFrames>) => {
  const tracker = new PostureTracker({ placement: 'trunk' });
  const windower = new Windower<PostureSample>();
  return frames.flatMap((f) => windower.pushAll(tracker.pushFrame(f)));
};

describe('Windower', () => {
  it('windows straddling frame boundaries equal windows of the same data in one frame', () => {
    const whole = windowsOf(toFrames(raw, []));
    expect(whole.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: raw.length - 1 }), { minLength: 1, maxLength: 30 }),
        (cuts) => {
          const split = windowsOf(toFrames(raw, cuts));
          expect(split).toEqual(whole);
          expect(split.map((w) => extractFeatures(w))).toEqual(whole.map((w) => extractFeatures(w)));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('emits a window of `lengthSamples` every `hopSamples`, oldest sample first', () => {
    const w = new Windower<{ segment: number; i: number }>({ lengthSamples: 5, hopSamples: 2 });
    const out = w.pushAll(Array.from({ length: 12 }, (_, i) => ({ segment: 0, i })));
    expect(out.map((win) => win.map((s) => s.i))).toEqual([
      [0, 1, 2, 3, 4],
      [2, 3, 4, 5, 6],
      [4, 5, 6, 7, 8],
      [6, 7, 8, 9, 10],
    ]);
  });

  it('never lets a window span a time gap (a new segment starts over)', () => {
    const w = new Windower<{ segment: number; i: number }>({ lengthSamples: 4, hopSamples: 4 });
    const a = w.pushAll(Array.from({ length: 6 }, (_, i) => ({ segment: 0, i })));
    const b = w.pushAll(Array.from({ length: 5 }, (_, i) => ({ segment: 1, i: 100 + i })));
    expect(a.map((win) => win.map((s) => s.i))).toEqual([[0, 1, 2, 3]]);
    expect(b.map((win) => win.map((s) => s.i))).toEqual([[100, 101, 102, 103]]);
  });

  it('refuses a window length or hop that is not a positive integer', () => {
    expect(() => new Windower({ lengthSamples: 0 })).toThrow(/lengthSamples/);
    expect(() => new Windower({ hopSamples: 2.5 })).toThrow(/hopSamples/);
  });
});
