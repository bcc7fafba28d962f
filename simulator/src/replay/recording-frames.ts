import type { Recording } from '../files/recording.js';

/** One frame's worth of samples cut from a recording (times relative to the recording start). */
export interface RecordingFrame {
  /** ms from the start of the recording, of the first sample. */
  t0Ms: number;
  count: number;
  sampleRateHz: number;
  acc: Float32Array;
  /** `null` when the recording has no gyroscope (or this stretch lacks it). */
  gyro: Float32Array | null;
  /** Label of the first sample (for progress and logs). */
  label: string;
}

/**
 * Cuts a recording into frames of at most `samplesPerFrame` at a constant rate. A jump in t_ms
 * (more than 1.5 sample periods) starts a new frame, since a frame's samples are evenly spaced.
 * With `rateHz` different from the recording's rate, each continuous stretch is resampled by
 * linear interpolation (simple on purpose: for replay, not for analysis).
 */
export function* recordingFrames(
  rec: Recording,
  samplesPerFrame: number,
  rateHz?: number,
): Generator<RecordingFrame> {
  const srcRate = rec.sampleRateHz > 0 ? rec.sampleRateHz : (rateHz ?? 50);
  const outRate = rateHz ?? srcRate;
  const resample = Math.abs(outRate - srcRate) / srcRate > 0.005;
  const maxGapMs = 1.5 * (1000 / srcRate);
  let start = 0;
  for (let i = 1; i <= rec.count; i++) {
    if (i < rec.count && (rec.tMs[i] as number) - (rec.tMs[i - 1] as number) <= maxGapMs) continue;
    // [start, i) is one continuous stretch.
    yield* resample
      ? resampledRun(rec, start, i, outRate, samplesPerFrame)
      : plainRun(rec, start, i, srcRate, samplesPerFrame);
    start = i;
  }
}

function* plainRun(
  rec: Recording,
  from: number,
  to: number,
  rateHz: number,
  spf: number,
): Generator<RecordingFrame> {
  for (let a = from; a < to; a += spf) {
    const b = Math.min(to, a + spf);
    yield {
      t0Ms: rec.tMs[a] as number,
      count: b - a,
      sampleRateHz: rateHz,
      acc: rec.acc.slice(a * 3, b * 3),
      gyro: gyroOf(rec, a, b),
      label: rec.labels[a] as string,
    };
  }
}

function gyroOf(rec: Recording, a: number, b: number): Float32Array | null {
  if (!rec.gyro) return null;
  const g = rec.gyro.slice(a * 3, b * 3);
  return g.some(Number.isNaN) ? null : g;
}

function* resampledRun(
  rec: Recording,
  from: number,
  to: number,
  rateHz: number,
  spf: number,
): Generator<RecordingFrame> {
  const t0 = rec.tMs[from] as number;
  const t1 = rec.tMs[to - 1] as number;
  const periodMs = 1000 / rateHz;
  const n = Math.floor((t1 - t0) / periodMs + 1e-9) + 1;
  let j = from;
  for (let k0 = 0; k0 < n; k0 += spf) {
    const count = Math.min(spf, n - k0);
    const acc = new Float32Array(count * 3);
    const gyro = rec.gyro ? new Float32Array(count * 3) : null;
    for (let k = 0; k < count; k++) {
      const t = t0 + (k0 + k) * periodMs;
      while (j + 1 < to - 1 && (rec.tMs[j + 1] as number) <= t) j++;
      const ta = rec.tMs[j] as number;
      const tb = rec.tMs[Math.min(j + 1, to - 1)] as number;
      const u = tb > ta ? Math.min(1, Math.max(0, (t - ta) / (tb - ta))) : 0;
      const jb = Math.min(j + 1, to - 1);
      for (let a = 0; a < 3; a++) {
        acc[k * 3 + a] = lerp(rec.acc[j * 3 + a] as number, rec.acc[jb * 3 + a] as number, u);
        if (gyro && rec.gyro)
          gyro[k * 3 + a] = lerp(rec.gyro[j * 3 + a] as number, rec.gyro[jb * 3 + a] as number, u);
      }
    }
    yield {
      t0Ms: t0 + k0 * periodMs,
      count,
      sampleRateHz: rateHz,
      acc,
      gyro: gyro?.some(Number.isNaN) ? null : gyro,
      label: rec.labels[j] as string,
    };
  }
}

const lerp = (a: number, b: number, u: number) => a + (b - a) * u;
