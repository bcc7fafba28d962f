import type { Logger } from 'pino';

/**
 * Logs a recurring problem at most once per `intervalMs` per key, with how many were suppressed
 * since, so a flooding device cannot flood the log. Never given raw samples.
 */
export class RateLimitedLog {
  private readonly last = new Map<string, { atMs: number; suppressed: number }>();

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = 10_000,
    private readonly maxKeys = 1000,
  ) {}

  warn(key: string, details: Record<string, unknown>, message: string, nowMs = Date.now()): void {
    const entry = this.last.get(key);
    if (entry && nowMs - entry.atMs < this.intervalMs) {
      entry.suppressed += 1;
      return;
    }
    this.log.warn({ ...details, suppressed: entry?.suppressed ?? 0 }, message);
    if (!entry && this.last.size >= this.maxKeys) this.last.clear();
    this.last.set(key, { atMs: nowMs, suppressed: 0 });
  }
}
