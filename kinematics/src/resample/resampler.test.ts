import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../math/vec3.js';
import type { CanonicalSample, Discontinuity, RawSample } from '../types.js';
import { Resampler } from './resampler.js';

// Deterministic property runs (the project rule); change the seed to explore.
fc.configureGlobal({ seed: 20261125 });

const sineStream = (rateHz: number, durationS: number, freqHz: number, t0Ms = 0): RawSample[] =>
  Array.from({ length: Math.round(rateHz * durationS) }, (_, i) => {
    const tMs = t0Ms + (i * 1000) / rateHz;
    const v = Math.sin((2 * Math.PI * freqHz * tMs) / 1000);
    return { tMs, acc: [v, 9.81, -v] as Vec3, gyro: [0, v, 0] as Vec3 };
  });

const runAll = (r: Resampler, samples: RawSample[]): CanonicalSample[] => samples.flatMap((s) => r.push(s));

describe('Resampler', () => {
  it('resampling 100 Hz → 25 Hz preserves a 1 Hz sine (amplitude and phase)', () => {
    const out = runAll(new Resampler(), sineStream(100, 10, 1));
    expect(out.length).toBeGreaterThan(240);
    for (const s of out.slice(2)) {
      const truth = Math.sin((2 * Math.PI * s.tMs) / 1000);
      expect(Math.abs(s.acc[0] - truth)).toBeLessThan(0.01);
      expect(s.gyro?.[1]).toBeCloseTo(s.acc[0], 12);
    }
  });

  it('emits exactly on the 40 ms grid, whatever the input rate and start time', () => {
    for (const rateHz of [20, 33.3, 50, 100, 200]) {
      const out = runAll(new Resampler(), sineStream(rateHz, 3, 1, 1_700_000_000_013.7));
      expect(out.length).toBeGreaterThan(70);
      for (const [i, s] of out.entries()) {
        expect(s.tMs % 40).toBe(0);
        if (i > 0) expect(s.tMs - (out[i - 1] as CanonicalSample).tMs).toBe(40);
      }
    }
  });

  it('upsampling 20 Hz → 25 Hz interpolates a ramp exactly', () => {
    const ramp: RawSample[] = Array.from({ length: 60 }, (_, i) => ({
      tMs: i * 50,
      acc: [i * 50 * 0.01, 0, 9.81] as Vec3,
      gyro: null,
    }));
    const out = runAll(new Resampler(), ramp);
    expect(out.length).toBe(Math.floor((59 * 50) / 40) + 1);
    for (const s of out) {
      expect(s.acc[0]).toBeCloseTo(s.tMs * 0.01, 9);
      expect(s.gyro).toBeNull();
    }
  });

  it('anti-aliases: a 23 Hz vibration sampled at 200 Hz does not fold into a strong 2 Hz wave', () => {
    const out = runAll(new Resampler(), sineStream(200, 5, 23));
    const peak = Math.max(...out.slice(5).map((s) => Math.abs(s.acc[0])));
    expect(peak).toBeLessThan(0.15);
  });

  it('gives the same samples however the stream is split into frames', () => {
    const samples = sineStream(50, 4, 1.3);
    const reference = runAll(new Resampler(), samples);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 199 }), { maxLength: 10 }), (cuts) => {
        const r = new Resampler();
        const bounds = [0, ...[...new Set(cuts)].sort((a, b) => a - b), samples.length];
        const out: CanonicalSample[] = [];
        for (let i = 0; i + 1 < bounds.length; i++) {
          const part = samples.slice(bounds[i], bounds[i + 1]);
          const first = part[0];
          if (!first) continue;
          const acc = part.flatMap((s) => [...s.acc]);
          const gyro = part.flatMap((s) => [...(s.gyro ?? [0, 0, 0])]);
          out.push(...r.pushFrame({ t0Ms: first.tMs, sampleRateHz: 50, count: part.length, acc, gyro }));
        }
        expect(out).toEqual(reference);
      }),
      { numRuns: 40 },
    );
  });

  it('restarts after a gap longer than 0.5 s and reports it; no sample is invented across the gap', () => {
    const events: Discontinuity[] = [];
    const r = new Resampler({ onDiscontinuity: (d) => events.push(d) });
    const a = runAll(r, sineStream(50, 2, 1, 0));
    const b = runAll(r, sineStream(50, 2, 1, 2600));
    expect(events).toEqual([{ kind: 'gap', prevTMs: 1980, tMs: 2600, segment: 1 }]);
    expect(a.every((s) => s.segment === 0 && s.tMs <= 1980)).toBe(true);
    expect(b.every((s) => s.segment === 1 && s.tMs >= 2600)).toBe(true);
    expect(r.stats.gaps).toBe(1);
  });

  it('restarts when time goes backwards, and drops duplicates and non-finite samples', () => {
    const events: Discontinuity[] = [];
    const r = new Resampler({ onDiscontinuity: (d) => events.push(d) });
    runAll(r, sineStream(50, 1, 1, 10_000));
    r.push({ tMs: 10_980, acc: [0, 0, 9.81], gyro: null });
    r.push({ tMs: 11_000, acc: [Number.NaN, 0, 9.81], gyro: null });
    const after = runAll(r, sineStream(50, 1, 1, 5_000));
    expect(events.map((e) => e.kind)).toEqual(['backwards']);
    expect(r.stats).toMatchObject({ droppedDuplicate: 1, droppedInvalid: 1, backwards: 1 });
    expect(after[0]?.tMs).toBe(5_000);
    expect(after.every((s) => s.segment === 1)).toBe(true);
  });

  it('copes with jittery, changing sample intervals: exact grid, no overshoot', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dtMs: fc.double({ min: 5, max: 60, noNaN: true }),
            v: fc.double({ min: -20, max: 20, noNaN: true }),
          }),
          { minLength: 2, maxLength: 300 },
        ),
        (steps) => {
          let tMs = 1_000_000;
          const samples = steps.map(({ dtMs, v }) => {
            tMs += dtMs;
            return { tMs, acc: [v, 0, 9.81] as Vec3, gyro: null };
          });
          const out = runAll(new Resampler(), samples);
          const lo = Math.min(...steps.map((s) => s.v));
          const hi = Math.max(...steps.map((s) => s.v));
          for (const [i, s] of out.entries()) {
            expect(s.tMs % 40).toBe(0);
            if (i > 0) expect(s.tMs - (out[i - 1] as CanonicalSample).tMs).toBe(40);
            expect(s.tMs).toBeGreaterThanOrEqual((samples[0] as RawSample).tMs);
            expect(s.tMs).toBeLessThanOrEqual(tMs);
            expect(s.acc[0]).toBeGreaterThanOrEqual(lo - 1e-9);
            expect(s.acc[0]).toBeLessThanOrEqual(hi + 1e-9);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
