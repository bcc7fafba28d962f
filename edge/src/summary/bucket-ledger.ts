import { emptyCounts, type SummaryCounts } from './summary-counts.js';

/** One device's counts for one (zone, bucket), ready to become a summary. */
export interface ClosedBucket {
  zoneId: string;
  bucketStartMs: number;
  bucketSeconds: number;
  counts: SummaryCounts;
}

/** Zones one device can visit in one bucket before further zones are folded into the last one. */
const MAX_ZONES_PER_BUCKET = 8;

/**
 * One device's open (zone, bucket) accumulators. Buckets are cut by sample time (the device's
 * clock); a bucket closes once the device's time has passed its end by `graceMs`, so results that
 * arrive a little late (classified windows) still land in the right bucket. Data for a bucket
 * already closed is refused, so a device never yields two summaries for one (zone, bucket).
 */
export class BucketLedger {
  private readonly open = new Map<string, ClosedBucket>();
  private readonly bucketMs: number;
  /** Buckets starting before this have been closed. */
  private closedBeforeMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly bucketSeconds: number,
    private readonly graceMs = 2000,
  ) {
    this.bucketMs = bucketSeconds * 1000;
  }

  /** Start of the bucket holding `tMs`. */
  bucketStart(tMs: number): number {
    return Math.floor(tMs / this.bucketMs) * this.bucketMs;
  }

  /** The counts for (zone, bucket of `tMs`), created on first use; null when that bucket is closed. */
  at(zoneId: string, tMs: number): SummaryCounts | null {
    const start = this.bucketStart(tMs);
    if (start < this.closedBeforeMs) return null;
    const key = `${start}|${zoneId}`;
    let entry = this.open.get(key);
    if (!entry) {
      const zones = [...this.open.values()].filter((b) => b.bucketStartMs === start);
      if (zones.length >= MAX_ZONES_PER_BUCKET) return (zones.at(-1) as ClosedBucket).counts;
      entry = { zoneId, bucketStartMs: start, bucketSeconds: this.bucketSeconds, counts: emptyCounts() };
      this.open.set(key, entry);
    }
    return entry.counts;
  }

  /** Closes and returns every bucket that ended at least `graceMs` before `tMs`. */
  closeUpTo(tMs: number): ClosedBucket[] {
    return this.closeWhere((b) => b.bucketStartMs + this.bucketMs + this.graceMs <= tMs);
  }

  hasDue(tMs: number): boolean {
    for (const b of this.open.values())
      if (b.bucketStartMs + this.bucketMs + this.graceMs <= tMs) return true;
    return false;
  }

  /** Closes and returns every open bucket (idle device, shutdown). */
  closeAll(): ClosedBucket[] {
    return this.closeWhere(() => true);
  }

  /** The open buckets and the closed boundary, to hold across an agent restart. */
  snapshot(): { closedBeforeMs: number | null; buckets: ClosedBucket[] } {
    const closed = this.closedBeforeMs;
    return { closedBeforeMs: Number.isFinite(closed) ? closed : null, buckets: [...this.open.values()] };
  }

  /** Takes back a snapshot (into a fresh ledger); buckets of another length are refused. */
  restore(snapshot: { closedBeforeMs: number | null; buckets: readonly ClosedBucket[] }): number {
    let refused = 0;
    this.closedBeforeMs = Math.max(this.closedBeforeMs, snapshot.closedBeforeMs ?? Number.NEGATIVE_INFINITY);
    for (const b of snapshot.buckets) {
      if (b.bucketSeconds !== this.bucketSeconds || b.bucketStartMs < this.closedBeforeMs) {
        refused++;
        continue;
      }
      this.open.set(`${b.bucketStartMs}|${b.zoneId}`, { ...b });
    }
    return refused;
  }

  get openCount(): number {
    return this.open.size;
  }

  private closeWhere(predicate: (b: ClosedBucket) => boolean): ClosedBucket[] {
    const closed: ClosedBucket[] = [];
    for (const [key, bucket] of this.open) {
      if (!predicate(bucket)) continue;
      this.open.delete(key);
      closed.push(bucket);
      this.closedBeforeMs = Math.max(this.closedBeforeMs, bucket.bucketStartMs + this.bucketMs);
    }
    return closed.sort((a, b) => a.bucketStartMs - b.bucketStartMs);
  }
}
