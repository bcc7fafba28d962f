import type { ServerConfig } from '../config/config-schema.js';
import type { Metrics } from '../http/metrics.js';
import type { MqttIngest } from '../ingest/mqtt-ingest.js';
import type { SummarySink } from '../ingest/summary-sink.js';
import type { NoiseSource } from '../privacy/noise.js';
import { Protector } from '../privacy/protector.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { InfluxClient } from '../storage/influx-client.js';

/** What the routes share; built once by `buildApp`. */
export interface AppContext {
  config: ServerConfig;
  influx: InfluxClient;
  settings: SettingsStore;
  sink: SummarySink;
  ingest: MqttIngest;
  metrics: Metrics;
  noise: NoiseSource;
  now: () => number;
  /** True once the database, retention policy and settings are set up. */
  state: { dbReady: boolean };
}

/** The protection in force right now (settings can change at runtime). */
export async function protectorOf(ctx: AppContext): Promise<Protector> {
  const s = await ctx.settings.fresh();
  return new Protector(
    { k: s.k, bucketSeconds: s.bucketSeconds, epsilon: s.epsilon, clipCount: ctx.config.clipCount },
    ctx.noise,
  );
}
