/** The header line of the common CSV format (see ../shared/data/README.md). */
export const CSV_HEADER = 'subject,label,t_ms,ax,ay,az,gx,gy,gz';

/**
 * One continuous recording of one subject, in the common format's units, struct-of-arrays.
 * Filters and windows should restart at each recording.
 */
export interface Recording {
  /** The `subject` column (a worker or device id, or e.g. "1" for UCI HAPT). */
  subject: string;
  count: number;
  /** Label per sample (the `label` column); equal labels share one string. */
  labels: string[];
  /** Sample times, ms from the start of the recording (jumps mark dropped stretches). */
  tMs: Float64Array;
  /** count × 3 interleaved x,y,z, m/s², gravity included, device axes. */
  acc: Float32Array;
  /**
   * count × 3 interleaved x,y,z, rad/s; `null` when no row has a gyroscope sample. When only some
   * rows have one, the others hold NaN.
   */
  gyro: Float32Array | null;
  /** Estimated from the median sample interval (jumps ignored); 0 with fewer than 2 samples. */
  sampleRateHz: number;
}

/** A malformed recording file: names the file and the 1-based line. */
export class RecordingFormatError extends Error {
  override readonly name = 'RecordingFormatError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** Median interval of increasing times → rate in Hz; 0 when it cannot be estimated. */
export function estimateSampleRateHz(tMs: ArrayLike<number>, count = tMs.length): number {
  const n = Math.min(count, 2001);
  if (n < 2) return 0;
  const dts = new Float64Array(n - 1);
  let k = 0;
  for (let i = 1; i < n; i++) {
    const dt = (tMs[i] as number) - (tMs[i - 1] as number);
    if (dt > 0) dts[k++] = dt;
  }
  if (k === 0) return 0;
  const sorted = dts.subarray(0, k).sort();
  const median = sorted[k >> 1] as number;
  // Round to 0.01 Hz: recorded timestamps are rounded to whole ms, so 50 Hz must stay 50 Hz.
  return Math.round((1000 / median) * 100) / 100;
}
