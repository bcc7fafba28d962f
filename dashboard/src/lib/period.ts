export const PERIODS = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;
export type Period = keyof typeof PERIODS;

/** Trend interval per period: hourly for a day, 6-hourly for a week, daily for a month. */
export const INTERVAL_SECONDS: Record<Period, number> = { day: 3600, week: 6 * 3600, month: 86_400 };

/**
 * The range ending now, with the end rounded up to the next 5 minutes so the query (and its cache
 * key) stays the same for a while.
 */
export function rangeFor(period: Period, nowMs: number): { fromMs: number; toMs: number } {
  const step = 300_000;
  const toMs = Math.ceil(nowMs / step) * step;
  return { fromMs: toMs - PERIODS[period], toMs };
}
