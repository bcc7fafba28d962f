import type { RangeQuery } from '@haltung/protocol';
import { HttpError } from '../http/errors.js';

const MAX_RANGE_MS = 3660 * 86_400_000;
const MAX_POINTS = 20_000;

/**
 * Checks a time range and interval against the bucket: intervals are whole multiples of the
 * bucket (never finer), and the range is widened to whole intervals.
 */
export function checkRange(
  q: RangeQuery,
  bucketSeconds: number,
  intervalSeconds = bucketSeconds,
): { fromMs: number; toMs: number; intervalSeconds: number } {
  if (q.toMs <= q.fromMs) throw new HttpError(400, 'BAD_RANGE', 'toMs must be after fromMs');
  if (q.toMs - q.fromMs > MAX_RANGE_MS) throw new HttpError(400, 'BAD_RANGE', 'range longer than 10 years');
  if (intervalSeconds < bucketSeconds || intervalSeconds % bucketSeconds !== 0) {
    throw new HttpError(
      400,
      'BAD_INTERVAL',
      `intervalSeconds must be a whole multiple of the bucket (${bucketSeconds} s), never finer`,
    );
  }
  const intervalMs = intervalSeconds * 1000;
  const fromMs = Math.floor(q.fromMs / intervalMs) * intervalMs;
  const toMs = Math.ceil(q.toMs / intervalMs) * intervalMs;
  if ((toMs - fromMs) / intervalMs > MAX_POINTS) {
    throw new HttpError(400, 'TOO_MANY_POINTS', `more than ${MAX_POINTS} intervals: use a coarser interval`);
  }
  return { fromMs, toMs, intervalSeconds };
}
