import { encodeSummary, type Summary, topics } from '@haltung/protocol';
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { EdgeMetrics } from '../metrics/edge-metrics.js';
import type { SummarySpool } from '../spool/summary-spool.js';

const MAX_IN_FLIGHT = 64;
/**
 * Time after a (re)connect before spooled summaries are sent. Mosquitto 2.0.11 (Debian's) restores a
 * server's shared-subscription session after a broker restart but delivers nothing to it until the
 * server re-subscribes (server/src/ingest/mqtt-ingest.ts), and a summary the broker accepted in that
 * moment is lost. The server re-subscribes within about a second of the broker's return.
 */
export const RECONNECT_SETTLE_MS = 2000;

/**
 * Sends spooled summaries to the site broker with QoS 1, oldest first, and deletes each only
 * when the broker acknowledged it. While the site broker is unreachable they stay in the spool;
 * `drain` runs again on every (re)connect and tick.
 */
export class SitePublisher {
  private readonly inFlight = new Set<string>();
  private sendFromMs = 0;
  private settleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: MqttClient,
    private readonly spool: SummarySpool,
    private readonly metrics: EdgeMetrics,
    private readonly log: Logger,
    private readonly settleMs = RECONNECT_SETTLE_MS,
  ) {
    let connects = 0;
    client.on('connect', () => {
      // The first connect sends at once; after a reconnect the broker may just have restarted.
      const wait = connects++ === 0 ? 0 : this.settleMs;
      this.sendFromMs = Date.now() + wait;
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.drain(), wait);
      this.settleTimer.unref?.();
    });
  }

  /** Spools a summary durably, then tries to send it. */
  submit(summary: Summary): void {
    this.spool.enqueue(summary);
    this.metrics.summaries.inc();
    this.drain();
  }

  /** Publishes what the spool holds, up to the in-flight limit, if the site broker is connected. */
  drain(): void {
    if (!this.client.connected || Date.now() < this.sendFromMs || this.inFlight.size >= MAX_IN_FLIGHT) return;
    for (const { name, summary } of this.spool.peek(MAX_IN_FLIGHT - this.inFlight.size, this.inFlight)) {
      this.inFlight.add(name);
      const topic = topics.summary(summary.siteId, summary.zoneId);
      this.client.publish(topic, encodeSummary(summary), { qos: 1 }, (error) => {
        this.inFlight.delete(name);
        if (error) {
          this.log.debug({ err: error.message }, 'summary not acknowledged; it stays spooled');
          return;
        }
        this.spool.remove(name);
        this.metrics.summariesSent.inc();
        this.drain();
      });
    }
  }

  /** Waits until the spool is empty or `timeoutMs` passed; true when everything was delivered. */
  async flush(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.spool.size > 0 && Date.now() < until) {
      this.drain();
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.spool.size === 0;
  }

  get pending(): number {
    return this.spool.size;
  }
}
