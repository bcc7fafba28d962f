/** Result of {@link autocorrelationPeak}. */
export interface AutocorrelationPeak {
  /** Highest normalised autocorrelation in the lag range, in [-1, 1]; 0 for a flat signal. */
  peak: number;
  /** Lag of that peak, samples (0 when no lag fits). */
  lag: number;
}

/**
 * Highest normalised autocorrelation of `values` over lags `minLag..maxLag` (inclusive), each
 * lag's sum rescaled by n/(n−lag) so long lags are not penalised. Periodic gait gives a peak
 * near 1 at the step or stride period, posture changes and noise give values near 0.
 */
export function autocorrelationPeak(
  values: ArrayLike<number>,
  minLag: number,
  maxLag: number,
): AutocorrelationPeak {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let energy = 0;
  for (let i = 0; i < n; i++) energy += ((values[i] as number) - mean) ** 2;
  const best = { peak: 0, lag: 0 };
  if (energy <= 1e-12 * Math.max(1, n)) return best;
  const last = Math.min(maxLag, n - 2);
  let first = true;
  for (let lag = Math.max(1, minLag); lag <= last; lag++) {
    let s = 0;
    for (let i = 0; i + lag < n; i++)
      s += ((values[i] as number) - mean) * ((values[i + lag] as number) - mean);
    const r = ((s / energy) * n) / (n - lag);
    if (first || r > best.peak) {
      best.peak = Math.max(-1, Math.min(1, r));
      best.lag = lag;
      first = false;
    }
  }
  return best;
}
