import { randomUUID } from 'node:crypto';
import { type Summary, summarySchema } from '@haltung/protocol';
import type { ClosedBucket } from './bucket-ledger.js';

const r2 = (x: number) => Math.round(x * 100) / 100;
const MAX_COUNT = 100_000;

/**
 * The anonymous summary of one closed (zone, bucket): site, zone, bucket, seconds and counts,
 * a fresh random msgId (for de-duplication only) and the model version. There is deliberately no
 * parameter through which a device or worker id could enter. Seconds are rounded to 10 ms and
 * clamped so the summary always passes `summarySchema` (posture seconds can run ahead of observed
 * seconds by part of a window hop at a bucket edge; they are scaled back).
 */
export function buildSummary(bucket: ClosedBucket, siteId: string, modelVersion: string): Summary {
  const { counts } = bucket;
  const observed = Math.min(r2(counts.observedSeconds), bucket.bucketSeconds);
  const postureTotal = Object.values(counts.postureSeconds).reduce((a, b) => a + (b ?? 0), 0);
  const scale = postureTotal > observed && postureTotal > 0 ? observed / postureTotal : 1;
  const postureSeconds = Object.fromEntries(
    Object.entries(counts.postureSeconds).map(([k, v]) => [k, Math.floor((v ?? 0) * scale * 100) / 100]),
  );
  const exposureSeconds = Object.fromEntries(
    Object.entries(counts.exposureSeconds).map(([k, v]) => [k, Math.min(r2(v ?? 0), observed)]),
  );
  const hazards = Object.fromEntries(
    Object.entries(counts.hazards).map(([k, v]) => [
      k,
      { warning: Math.min(v?.warning ?? 0, MAX_COUNT), high: Math.min(v?.high ?? 0, MAX_COUNT) },
    ]),
  );
  const total = Math.min(counts.lifts.total, MAX_COUNT);
  return summarySchema.parse({
    v: 1,
    msgId: randomUUID(),
    siteId,
    zoneId: bucket.zoneId,
    bucketStartMs: bucket.bucketStartMs,
    bucketSeconds: bucket.bucketSeconds,
    observedSeconds: observed,
    postureSeconds,
    exposureSeconds,
    hazards,
    lifts: { total, stooped: Math.min(counts.lifts.stooped, total) },
    acks: Math.min(counts.acks, MAX_COUNT),
    snoozes: Math.min(counts.snoozes, MAX_COUNT),
    modelVersion,
  });
}
