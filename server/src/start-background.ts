import type { Logger } from 'pino';
import type { AppContext } from './api/context.js';
import { pause } from './pause.js';
import { setupDatabase } from './storage/setup-db.js';

/** How long start waits for the MQTT subscription before the API answers anyway (broker away). */
const SUBSCRIBE_WAIT_MS = 10_000;

/**
 * Subscribes to the summaries, sets up the database (retrying while it is down), loads the audited
 * settings, then restores the open cells and lets the held summaries through to the sink. Runs in the background so the API and /healthz answer
 * (degraded) even while InfluxDB is away at start.
 */
export function startBackground(ctx: AppContext, log: Logger) {
  const abort = new AbortController();
  let resolveStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    resolveStarted = resolve;
  });
  let running: Promise<void> | null = null;
  let sinkReady: { resolve: () => void; reject: (error: Error) => void } = {
    resolve: () => {},
    reject: () => {},
  };
  const sinkReadyPromise = new Promise<void>((resolve, reject) => {
    sinkReady = { resolve, reject };
  });
  sinkReadyPromise.catch(() => {});

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
    sinkReady.resolve();
    resolveStarted();
  }

  return {
    started,
    /**
     * Subscribes first (messages wait for the restored sink), then waits up to SUBSCRIBE_WAIT_MS for
     * the broker's SUBACKs: a server that answers HTTP has subscribed, unless the broker is away.
     */
    async start() {
      if (running) return;
      ctx.ingest.start(sinkReadyPromise);
      running = run().catch((error: Error) => log.error({ err: error }, 'background start failed'));
      if (!(await ctx.ingest.whenSubscribed(SUBSCRIBE_WAIT_MS)))
        log.warn({ waitedMs: SUBSCRIBE_WAIT_MS }, 'not subscribed to summaries yet; starting anyway');
    },
    async stop() {
      abort.abort();
      sinkReady.reject(new Error('stopping before the spool was restored'));
      await ctx.ingest.stop();
      await ctx.sink.stop();
      await running;
    },
  };
}
