import { MAX_BUCKET_SECONDS, MIN_BUCKET_SECONDS, siteIdSchema, zoneIdSchema } from '@haltung/protocol';
import { z } from 'zod';

const mqttUrl = z
  .string()
  .refine(
    (s) => /^(mqtts?|wss?|tcp):\/\/\S+$/.test(s) && URL.canParse(s),
    'must be an MQTT URL such as mqtt://127.0.0.1:1883',
  );
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every setting of the edge agent; each can come from the config file, HALTUNG_EDGE_* or a flag. */
export const edgeConfigSchema = z
  .object({
    /** The local (edge) broker with the wearables' device topics. */
    broker: mqttUrl.default('mqtt://127.0.0.1:1883'),
    /** Where summaries go; defaults to `broker`. */
    siteBroker: mqttUrl.optional(),
    /** The site (plant) id in every summary topic and payload. */
    siteId: siteIdSchema.default('local'),
    /** Zone for devices that have not published one on their retained zone topic. */
    defaultZone: zoneIdSchema.default('unassigned'),
    bucketSeconds: int(MIN_BUCKET_SECONDS, MAX_BUCKET_SECONDS)
      .refine((s) => s % 60 === 0, 'must be whole minutes')
      .default(900),
    /** A site's rules file (YAML or JSON), merged onto edge/rules/default.yaml. */
    rulesFile: z.string().min(1).optional(),
    /** Directory of the posture model (metadata.json + model.json); default: the shipped one. */
    modelDir: z.string().min(1).optional(),
    /** Where the summary spool lives. */
    dataDir: z.string().min(1).default('.haltung-edge'),
    spoolMaxFiles: int(10, 10_000_000).default(50_000),
    /**
     * At a planned stop: `hold` keeps the open buckets on disk and adds to them after the restart
     * (one summary per device and bucket, as privacy.md asks); `flush` publishes them at once,
     * partial (for a final stop: decommissioning, the end of a test).
     */
    onStop: z.enum(['hold', 'flush']).default('hold'),
    /** Classifier batch interval, ms. */
    tickMs: int(20, 5000).default(250),
    /** A device silent this long (wall clock) is evicted; its open buckets publish when they end. */
    idleTimeoutS: int(1, 86_400).default(60),
    maxDevices: int(1, 1_000_000).default(5000),
    /** Rate limit per device: samples per second (wall clock) and seconds of burst. */
    maxSamplesPerS: int(1, 100_000).default(400),
    burstS: int(1, 600).default(3),
    /** Frames further than this from the agent's clock are refused; 0 disables the check. */
    maxClockSkewS: int(0, 10 * 365 * 86_400).default(86_400),
    /** Consecutive backwards frames after which a device's clock is taken as restarted. */
    restartAfterBackwards: int(1, 10_000).default(25),
    /** Serve /metrics on 127.0.0.1 at this port (0 = any free port); absent = off. */
    metricsPort: int(0, 65_535).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();

export type EdgeConfig = z.infer<typeof edgeConfigSchema>;
export type EdgeConfigInput = z.input<typeof edgeConfigSchema>;
