import { z } from 'zod';
import { type Decoded, fail, ok } from './errors.js';
import { siteIdSchema, zoneIdSchema } from './ids.js';
import { EXPOSURE_ZONES, HAZARD_TYPES, POSTURE_CLASSES } from './vocabulary.js';

/** Buckets are coarse on purpose (privacy.md): at least 5 minutes, whole minutes, at most a day. */
export const MIN_BUCKET_SECONDS = 300;
export const MAX_BUCKET_SECONDS = 86_400;
export const DEFAULT_BUCKET_SECONDS = 900;
/** Summaries larger than this are refused before parsing. */
export const MAX_SUMMARY_BYTES = 8 * 1024;

const seconds = z.number().finite().nonnegative().max(MAX_BUCKET_SECONDS);
const count = z.number().int().nonnegative().max(100_000);

export const hazardCountSchema = z.object({ warning: count, high: count }).strict();

/**
 * The anonymous per-device summary for one (zone, bucket), the only per-device data that leaves
 * the edge (privacy.md). It carries **no identifier**: `.strict()` refuses any extra key, so a
 * `deviceId`, `workerId`, MAC or name cannot travel in it. `msgId` is random per message and used
 * only to drop MQTT redeliveries.
 */
export const summarySchema = z
  .object({
    v: z.literal(1),
    /** Random per message (UUID v4), for de-duplication only. */
    msgId: z.uuid({ version: 'v4' }),
    siteId: siteIdSchema,
    zoneId: zoneIdSchema,
    /** Bucket start, ms since the Unix epoch, aligned to `bucketSeconds`. */
    bucketStartMs: z.number().int().nonnegative(),
    bucketSeconds: z.number().int().min(MIN_BUCKET_SECONDS).max(MAX_BUCKET_SECONDS).multipleOf(60),
    /** Seconds of sensor data the device delivered in this zone and bucket. */
    observedSeconds: seconds,
    /** Seconds per posture class; absent classes are 0. */
    postureSeconds: z.partialRecord(z.enum(POSTURE_CLASSES), seconds),
    /** Seconds in each ISO 11226 exposure zone; absent zones are 0. */
    exposureSeconds: z.partialRecord(z.enum(EXPOSURE_ZONES), seconds),
    /** Warnings raised, by hazard and severity; absent hazards are 0. */
    hazards: z.partialRecord(z.enum(HAZARD_TYPES), hazardCountSchema),
    lifts: z.object({ total: count, stooped: count }).strict(),
    /** How the worker answered warnings on the device (counts only). */
    acks: count,
    snoozes: count,
    /** Version of the posture model that produced the classes. */
    modelVersion: z.string().regex(/^[a-z0-9.+-]{1,32}$/),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.bucketStartMs % (s.bucketSeconds * 1000) !== 0) {
      ctx.addIssue({ code: 'custom', path: ['bucketStartMs'], message: 'not aligned to bucketSeconds' });
    }
    if (s.observedSeconds > s.bucketSeconds + 1) {
      ctx.addIssue({ code: 'custom', path: ['observedSeconds'], message: 'longer than the bucket' });
    }
    const postureTotal = Object.values(s.postureSeconds).reduce((a, b) => a + (b ?? 0), 0);
    if (postureTotal > s.observedSeconds + 1) {
      ctx.addIssue({ code: 'custom', path: ['postureSeconds'], message: 'sum exceeds observedSeconds' });
    }
    if (s.lifts.stooped > s.lifts.total) {
      ctx.addIssue({ code: 'custom', path: ['lifts', 'stooped'], message: 'more stooped lifts than lifts' });
    }
  });
export type Summary = z.infer<typeof summarySchema>;

/** Parses a summary payload (bytes, text or value); never throws. */
export function decodeSummary(input: Uint8Array | string | unknown): Decoded<Summary> {
  let value = input;
  if (input instanceof Uint8Array || typeof input === 'string') {
    const size = typeof input === 'string' ? input.length : input.byteLength;
    if (size === 0) return fail('EMPTY', 'empty payload');
    if (size > MAX_SUMMARY_BYTES)
      return fail('TOO_LARGE', `summary is ${size} bytes, limit ${MAX_SUMMARY_BYTES}`);
    try {
      value = JSON.parse(typeof input === 'string' ? input : new TextDecoder().decode(input));
    } catch (error) {
      return fail('BAD_JSON', `not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = summarySchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : fail('SCHEMA', z.prettifyError(parsed.error));
}

export function encodeSummary(summary: Summary): string {
  return JSON.stringify(summarySchema.parse(summary));
}
