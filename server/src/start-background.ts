import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AppContext } from './api/context.js';
import { setupDatabase } from './storage/setup-db.js';

/**
 * Sets up the database (retrying while it is down), loads the audited settings, then restores the
 * open cells and starts the MQTT ingest. Runs in the background so the API and /healthz answer
 * (degraded) even while InfluxDB is away at start.
 */
export function startBackground(ctx: AppContext, log: Logger) {
  let stopped = false;
  let resolveStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    resolveStarted = resolve;
  });
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    let delayMs = 250;
    while (!stopped) {
      try {
        await setupDatabase(ctx.influx, ctx.config.influx.retentionPolicy, ctx.config.privacy.retentionDays);
        await ctx.settings.load();
        ctx.state.dbReady = true;
        break;
      } catch (error) {
        log.warn({ err: (error as Error).message, retryInMs: delayMs }, 'database setup failed; retrying');
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
    if (stopped) return;
    await ctx.sink.start();
    if (stopped) return;
    ctx.ingest.start();
    resolveStarted();
  }

  return {
    started,
    start() {
      running ??= run().catch((error: Error) => log.error({ err: error }, 'background start failed'));
    },
    async stop() {
      stopped = true;
      await ctx.ingest.stop();
      await running;
      await ctx.sink.stop();
    },
  };
}
