import { resolve } from 'node:path';
import { privacySettingsSchema, ROLES, topicIdSchema } from '@haltung/protocol';
import { z } from 'zod';

/** One API token: `name` is a role account (e.g. `works-council-bremen`), never a worker. */
export const tokenSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." or "-", 1–64 characters'),
  role: z.enum(ROLES),
  token: z.string().min(16, 'tokens must be at least 16 characters'),
});
export type ApiToken = z.infer<typeof tokenSchema>;

const DEFAULT_DASHBOARD_DIR = resolve(import.meta.dirname, '../../../dashboard/dist');
const DEFAULT_MODEL_DIR = resolve(import.meta.dirname, '../../../models/artifacts/posture');

const timeZone = z.string().refine(isTimeZone, 'not an IANA time zone (e.g. Europe/Berlin)');

/** The server's whole configuration, validated once at start (config file and/or HALTUNG_SERVER_*). */
export const serverConfigSchema = z
  .object({
    /** Fixed per instance: MQTT client id and the `writer` tag of this instance's running totals. */
    instanceId: topicIdSchema.default('server-1'),
    /**
     * MQTT shared-subscription group; instances in one group split the summaries. `null` (env: empty
     * string): a single instance with a plain subscription and one session, e.g. for a broker
     * without shared subscriptions (the demo's embedded aedes).
     */
    shareGroup: topicIdSchema.nullable().default('haltung-server'),
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8080),
    mqtt: z
      .object({
        url: z.url(),
        /** 5 (default) or 4 (MQTT 3.1.1, for brokers that refuse a v5 CONNECT, e.g. aedes). */
        protocolVersion: z.union([z.literal(4), z.literal(5)]).default(5),
        username: z.string().optional(),
        password: z.string().optional(),
        /** How long the broker keeps this instance's session and queued summaries while it is away. */
        sessionExpirySeconds: z
          .number()
          .int()
          .min(60)
          .default(7 * 86_400),
        /** Unacknowledged summaries the broker may have in flight to us (MQTT 5 receive maximum). */
        receiveMaximum: z.number().int().min(1).max(65_535).default(100),
        /**
         * Parallel sessions per instance (client ids `…-0`, `…-1`, …): MQTT.js handles one message
         * per session at a time, so more sessions let their fsyncs be grouped. Keep it fixed.
         */
        connections: z.number().int().min(1).max(16).default(4),
      })
      .strict(),
    influx: z
      .object({
        url: z.url(),
        database: z
          .string()
          .regex(/^[A-Za-z0-9_]{1,64}$/)
          .default('haltung'),
        retentionPolicy: z
          .string()
          .regex(/^[A-Za-z0-9_]{1,64}$/)
          .default('haltung'),
        username: z.string().optional(),
        password: z.string().optional(),
        timeoutMs: z.number().int().min(100).default(5000),
      })
      .strict(),
    tokens: z.array(tokenSchema).default([]),
    /** Initial privacy settings; later changes by an admin are audited and stored in InfluxDB. */
    privacy: privacySettingsSchema
      .extend({ timeZone })
      .default({ k: 5, bucketSeconds: 900, retentionDays: 400, epsilon: null, timeZone: 'Europe/Berlin' }),
    /** A device adds at most this many warnings per hazard and severity to one bucket (bounds DP sensitivity). */
    clipCount: z.number().int().min(1).max(10_000).default(30),
    /** Summaries for buckets older than this are refused (their cells are no longer held open). */
    lateWindowHours: z
      .number()
      .min(1)
      .max(24 * 14)
      .default(24),
    // Inside the git-ignored .services/ folder when run from the repository root.
    spoolDir: z.string().min(1).default('.services/server-state'),
    spoolMaxBytes: z
      .number()
      .int()
      .min(1024)
      .default(256 * 1024 * 1024),
    flushIntervalMs: z.number().int().min(10).default(1000),
    maxOpenCells: z.number().int().min(100).default(200_000),
    msgIdMemory: z.number().int().min(100).default(500_000),
    /** The dashboard's built files; served when index.html exists there. */
    dashboardDir: z.string().nullable().default(DEFAULT_DASHBOARD_DIR),
    /** The shipped posture model's artifacts (metadata.json, report.json, MODEL_CARD.md) for `GET /model`. */
    modelDir: z.string().nullable().default(DEFAULT_MODEL_DIR),
    corsOrigins: z.array(z.string()).default([]),
    rateLimitPerMinute: z.number().int().min(1).default(600),
    liveIntervalMs: z.number().int().min(100).default(5000),
    /** Secret for the noise generator; random per start when absent. */
    noiseSecret: z.string().min(16).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.tokens.forEach((t, i) => {
      if (seen.has(t.token))
        ctx.addIssue({ code: 'custom', path: ['tokens', i], message: 'duplicate token' });
      seen.add(t.token);
    });
  });

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
