import type { Logger } from 'pino';
import type { AppContext } from './api/context.js';
import { pause } from './pause.js';
import { setupDatabase } from './storage/setup-db.js';

/**
 * Sets up the database (retrying while it is down), loads the audited settings, then restores the
 * open cells and starts the MQTT ingest. Runs in the background so the API and /healthz answer
 * (degraded) even while InfluxDB is away at start.
 */
export function startBackground(ctx: AppContext, log: Logger) {
  const abort = new AbortController();
  let resolveStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    resolveStarted = resolve;
  });
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    let delayMs = 250;
    while (!abort.signal.aborted) {
      try {
        await setupDatabase(ctx.influx, ctx.config.influx.retentionPolicy, ctx.config.privacy.retentionDays);
        await ctx.settings.load();
        ctx.state.dbReady = true;
        break;
      } catch (error) {
        log.warn({ err: (error as Error).message, retryInMs: delayMs }, 'database setup failed; retrying');
        await pause(delayMs, abort.signal);
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
    if (abort.signal.aborted) return;
    await ctx.sink.start();
    if (abort.signal.aborted) return;
    ctx.ingest.start();
    resolveStarted();
  }

  return {
    started,
    start() {
      running ??= run().catch((error: Error) => log.error({ err: error }, 'background start failed'));
    },
    async stop() {
      abort.abort();
      await ctx.ingest.stop();
      await ctx.sink.stop();
      await running;
    },
  };
}
