import { z } from 'zod';
import { siteIdSchema, zoneIdSchema } from './ids.js';
import { EXPOSURE_ZONES, HAZARD_TYPES, SEVERITIES } from './vocabulary.js';

/**
 * The server's HTTP and WebSocket contract, shared with the dashboard so neither re-declares it.
 * Every number a client sees is a group figure over ≥ k contributors, or a suppressed cell.
 */

export const ROLES = ['safety_officer', 'works_council', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Why a cell carries no value: fewer than k workers, or hidden so it cannot be derived by subtraction. */
export const SUPPRESSION_REASONS = ['below_k', 'complementary'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** A value shown to users: either a number, or visibly suppressed with the reason (never a silent 0). */
export const cellSchema = z.union([
  z.object({ suppressed: z.literal(false), value: z.number() }),
  z.object({ suppressed: z.literal(true), reason: z.enum(SUPPRESSION_REASONS) }),
]);
export type Cell = z.infer<typeof cellSchema>;

/** States how the numbers were protected, carried by every answer. */
export const privacyNoteSchema = z.object({
  k: z.number().int(),
  bucketSeconds: z.number().int(),
  /** Laplace ε when differential privacy is on, else null. */
  epsilon: z.number().positive().nullable(),
});
export type PrivacyNote = z.infer<typeof privacyNoteSchema>;

export const hazardTypeSchema = z.enum(HAZARD_TYPES);
export const severitySchema = z.enum(SEVERITIES);

export const sitesResponseSchema = z.object({
  sites: z.array(z.object({ siteId: siteIdSchema, zones: z.array(zoneIdSchema) })),
});
export type SitesResponse = z.infer<typeof sitesResponseSchema>;

/** Query of trends, hot spots and period summaries. Times are ms since the Unix epoch. */
export const rangeQuerySchema = z.object({
  site: siteIdSchema,
  fromMs: z.coerce.number().int().nonnegative(),
  toMs: z.coerce.number().int().positive(),
  zone: zoneIdSchema.optional(),
  hazard: hazardTypeSchema.optional(),
});
export type RangeQuery = z.infer<typeof rangeQuerySchema>;

export const trendQuerySchema = rangeQuerySchema.extend({
  /** Interval in seconds; never finer than the bucket. */
  intervalSeconds: z.coerce.number().int().positive().optional(),
});
export type TrendQuery = z.infer<typeof trendQuerySchema>;

export const trendPointSchema = z.object({
  tMs: z.number(),
  /** Warnings raised (all severities). */
  count: cellSchema,
  /** Worker-hours observed. */
  workerHours: cellSchema,
  /** count per worker-hour. */
  rate: cellSchema,
});
export const trendSeriesSchema = z.object({
  zoneId: zoneIdSchema,
  hazard: hazardTypeSchema,
  points: z.array(trendPointSchema),
});
export const trendsResponseSchema = z.object({
  siteId: siteIdSchema,
  intervalSeconds: z.number().int(),
  privacy: privacyNoteSchema,
  series: z.array(trendSeriesSchema),
});
export type TrendsResponse = z.infer<typeof trendsResponseSchema>;

export const hotspotQuerySchema = rangeQuerySchema.extend({
  by: z.enum(['hour', 'weekday']).default('hour'),
});
export type HotspotQuery = z.infer<typeof hotspotQuerySchema>;
export const hotspotsResponseSchema = z.object({
  siteId: siteIdSchema,
  by: z.enum(['hour', 'weekday']),
  /** Time zone the hours/weekdays are given in (IANA name). */
  timeZone: z.string(),
  privacy: privacyNoteSchema,
  cells: z.array(
    z.object({
      zoneId: zoneIdSchema,
      /** 0–23 for `hour`, 0 (Monday) – 6 for `weekday`. */
      slot: z.number().int().min(0).max(23),
      count: cellSchema,
      workerHours: cellSchema,
      rate: cellSchema,
    }),
  ),
});
export type HotspotsResponse = z.infer<typeof hotspotsResponseSchema>;

/** Period summary: rates per worker-hour by zone and hazard, this period and the one before. */
export const periodSummaryResponseSchema = z.object({
  siteId: siteIdSchema,
  fromMs: z.number(),
  toMs: z.number(),
  privacy: privacyNoteSchema,
  zones: z.array(
    z.object({
      zoneId: zoneIdSchema,
      workerHours: cellSchema,
      hazards: z.array(
        z.object({ hazard: hazardTypeSchema, rate: cellSchema, previousRate: cellSchema, count: cellSchema }),
      ),
      /** Share of observed time in each ISO 11226 exposure zone, 0..1. */
      exposureShare: z.partialRecord(z.enum(EXPOSURE_ZONES), cellSchema),
      lifts: z.object({ total: cellSchema, stooped: cellSchema }),
    }),
  ),
});
export type PeriodSummaryResponse = z.infer<typeof periodSummaryResponseSchema>;

/** The privacy settings in force; readable by every role and shown on the transparency page. */
export const privacySettingsSchema = z.object({
  k: z.number().int().min(2).max(100),
  bucketSeconds: z.number().int().min(300).multipleOf(60),
  retentionDays: z.number().int().min(1).max(3650),
  epsilon: z.number().positive().max(10).nullable(),
  /** Time zone for hour-of-day and weekday hot spots (IANA name). */
  timeZone: z.string().min(1),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

export const privacyResponseSchema = z.object({
  settings: privacySettingsSchema,
  modelVersion: z.string().nullable(),
  /** Field names of the summary that leave the edge. */
  leavesEdge: z.array(z.string()),
  /** What never leaves the wearable's edge agent. */
  staysOnEdge: z.array(z.string()),
});
export type PrivacyResponse = z.infer<typeof privacyResponseSchema>;

export const settingsUpdateSchema = privacySettingsSchema.partial().strict();
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export const auditEntrySchema = z.object({
  tMs: z.number(),
  role: z.enum(ROLES),
  /** Name of the API token that made the change (a role account, not a worker). */
  actor: z.string(),
  change: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** WebSocket `/api/v1/live`: the current bucket per zone, same k as everywhere. */
export const liveMessageSchema = z.object({
  type: z.literal('bucket'),
  siteId: siteIdSchema,
  bucketStartMs: z.number(),
  bucketSeconds: z.number(),
  privacy: privacyNoteSchema,
  zones: z.array(
    z.object({
      zoneId: zoneIdSchema,
      workerHours: cellSchema,
      hazards: z.partialRecord(hazardTypeSchema, cellSchema),
    }),
  ),
});
export type LiveMessage = z.infer<typeof liveMessageSchema>;

/** Error body of every 4xx/5xx answer. */
export const apiErrorSchema = z.object({ error: z.string(), code: z.string(), statusCode: z.number() });
export type ApiError = z.infer<typeof apiErrorSchema>;
