import { decodeSummary, parseTopic } from '@haltung/protocol';
import type { Logger } from 'pino';
import { cellId, cloneCell, emptyCell, mergeSummary } from '../aggregate/cell.js';
import { MsgIdMemory } from '../aggregate/msgid-memory.js';
import { OpenCells } from '../aggregate/open-cells.js';
import type { Metrics } from '../http/metrics.js';
import { pause } from '../pause.js';
import type { InfluxClient } from '../storage/influx-client.js';
import { Journal, SpoolFullError } from '../storage/journal.js';
import { loadOwnCells } from '../storage/load-own-cells.js';
import { cellLines } from '../storage/schema.js';
import { BackoffLoop } from './backoff-loop.js';

export interface SinkOptions {
  writer: string;
  rp: string;
  spoolDir: string;
  spoolMaxBytes: number;
  msgIdMemory: number;
  maxOpenCells: number;
  lateWindowMs: number;
  clipCount: number;
  flushIntervalMs: number;
  now: () => number;
}

export type AcceptResult = 'stored' | `dropped:${string}`;

const MAX_LINES_PER_WRITE = 5000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Turns accepted summaries into this instance's running cell totals: de-duplicates by msgId,
 * journals every change durably before it is acknowledged, and writes the changed totals to
 * InfluxDB in batches, backing off while InfluxDB is slow or down.
 */
export class SummarySink {
  private readonly cells: OpenCells;
  private readonly seen: MsgIdMemory;
  private readonly journal: Journal;
  private readonly count: ReturnType<Metrics['counter']>;
  private readonly written: ReturnType<Metrics['counter']>;
  private readonly storedPerSite: ReturnType<Metrics['counter']>;
  private readonly abort = new AbortController();
  private flusher: BackoffLoop | null = null;
  private flushChain: Promise<void> = Promise.resolve();
  /** False after a failed InfluxDB write, true again after a good one. */
  influxHealthy = true;
  ready = false;

  constructor(
    private readonly options: SinkOptions,
    private readonly influx: InfluxClient,
    metrics: Metrics,
    private readonly log: Logger,
  ) {
    this.cells = new OpenCells(options.maxOpenCells);
    this.seen = new MsgIdMemory(options.msgIdMemory);
    this.journal = new Journal(options.spoolDir, options.spoolMaxBytes, options.msgIdMemory);
    this.count = metrics.counter('haltung_summaries_total', 'Summaries received, by outcome');
    this.storedPerSite = metrics.counter('haltung_summaries_stored_total', 'Summaries stored, by site');
    this.written = metrics.counter('haltung_influx_points_written_total', 'Cell points written to InfluxDB');
    metrics.gauge('haltung_spool_bytes', 'Bytes in the on-disk spool', () => this.journal.spooledBytes);
    metrics.gauge('haltung_open_cells', 'Cells held open for late summaries', () => this.cells.size);
    metrics.gauge('haltung_dirty_cells', 'Cells waiting to be written', () => this.cells.dirtyCount);
  }

  get spooledBytes(): number {
    return this.journal.spooledBytes;
  }

  get pendingCells(): number {
    return this.cells.dirtyCount;
  }

  /**
   * Restores msgIds and running totals (spool + this writer's rows in InfluxDB), retrying until
   * InfluxDB answers: accepting summaries before that could overwrite stored totals.
   */
  async start(): Promise<void> {
    const state = await this.journal.open();
    for (const id of state.seenMsgIds) this.seen.add(id);
    let delayMs = 250;
    while (!this.abort.signal.aborted) {
      try {
        const since = this.options.now() - this.options.lateWindowMs;
        for (const cell of await loadOwnCells(this.influx, this.options.rp, this.options.writer, since)) {
          this.cells.set(cell, false);
        }
        break;
      } catch (error) {
        this.influxHealthy = false;
        this.log.warn({ err: error, retryInMs: delayMs }, 'cannot reload open cells from InfluxDB yet');
        await pause(delayMs, this.abort.signal);
        delayMs = Math.min(delayMs * 2, MAX_BACKOFF_MS);
      }
    }
    if (this.abort.signal.aborted) return;
    for (const cell of state.pendingCells) this.cells.set(cell, true);
    this.ready = true;
    this.flusher = new BackoffLoop(
      () => this.flush(),
      this.options.flushIntervalMs,
      MAX_BACKOFF_MS,
      (error, retryInMs) =>
        this.log.warn({ err: error.message, retryInMs }, 'InfluxDB write failed; spooled'),
    );
  }

  /** Handles one MQTT message; resolves once it may be acknowledged (stored durably or dropped). */
  async accept(topic: string, payload: Uint8Array): Promise<AcceptResult> {
    const result = await this.acceptInner(topic, payload);
    this.count({ outcome: result === 'stored' ? 'stored' : result.slice('dropped:'.length) });
    return result;
  }

  private async acceptInner(topic: string, payload: Uint8Array): Promise<AcceptResult> {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'summary') return 'dropped:bad_topic';
    const decoded = decodeSummary(payload);
    if (!decoded.ok) return `dropped:${decoded.error.code.toLowerCase()}`;
    const s = decoded.value;
    if (s.siteId !== parsed.siteId || s.zoneId !== parsed.zoneId) return 'dropped:topic_mismatch';
    const now = this.options.now();
    if (s.bucketStartMs < now - this.options.lateWindowMs) return 'dropped:too_late';
    if (s.bucketStartMs > now + s.bucketSeconds * 1000) return 'dropped:future';
    const key = {
      siteId: s.siteId,
      zoneId: s.zoneId,
      bucketStartMs: s.bucketStartMs,
      bucketSeconds: s.bucketSeconds,
    };
    const id = cellId(key);
    let delayMs = 100;
    let seq: number | null = null;
    while (seq === null && !this.abort.signal.aborted) {
      try {
        const result = await this.journal.exclusive(async () => {
          if (this.seen.has(s.msgId)) return 'dropped:duplicate' as const;
          if (!this.cells.hasRoomFor(id)) return 'dropped:capacity' as const;
          const next = cloneCell(this.cells.get(id) ?? emptyCell(key));
          const clipped = mergeSummary(next, s, this.options.clipCount);
          const n = await this.journal.append(s.msgId, id, next);
          // Memory may run ahead of the disk: a flush syncs the journal before it snapshots cells.
          if (clipped > 0) this.count({ outcome: 'clipped_counts' }, clipped);
          this.seen.add(s.msgId);
          this.cells.set(next, true);
          return n;
        });
        if (typeof result === 'string') return result;
        seq = result;
      } catch (error) {
        if (!(error instanceof SpoolFullError)) this.log.error({ err: error }, 'spool append failed');
        this.flusher?.wake();
        await pause(delayMs, this.abort.signal);
        delayMs = Math.min(delayMs * 2, 5000);
      }
    }
    // Never acknowledge what is not durable: hold this message (and its MQTT connection) until it is.
    while (seq !== null && !this.abort.signal.aborted) {
      try {
        const n = seq;
        await this.journal.exclusive(() => this.journal.syncUpTo(n));
        this.storedPerSite({ site: s.siteId });
        return 'stored';
      } catch (error) {
        this.log.error({ err: error }, 'spool fsync failed');
        await pause(delayMs, this.abort.signal);
        delayMs = Math.min(delayMs * 2, 5000);
      }
    }
    throw new Error('summary sink stopped before the summary was stored');
  }

  /** Writes every changed cell now (used by the flush loop, tests and shutdown). */
  flush(): Promise<void> {
    // One flush at a time: a later one must not commit (delete) segments an earlier one still writes.
    const next = this.flushChain.then(
      () => this.flushOnce(),
      () => this.flushOnce(),
    );
    this.flushChain = next.catch(() => {});
    return next;
  }

  private async flushOnce(): Promise<void> {
    if (this.cells.dirtyCount === 0) {
      this.cells.evictBefore(this.options.now() - this.options.lateWindowMs);
      return;
    }
    const { segment, cells } = await this.journal.exclusive(async () => ({
      segment: await this.journal.rotate(),
      cells: this.cells.takeDirty(),
    }));
    try {
      const lines = cells.flatMap((c) => cellLines(c, this.options.writer));
      for (let i = 0; i < lines.length; i += MAX_LINES_PER_WRITE) {
        await this.influx.write(lines.slice(i, i + MAX_LINES_PER_WRITE), this.options.rp);
      }
      this.written({}, lines.length);
      await this.journal.exclusive(() => this.journal.commit(segment));
      this.influxHealthy = true;
    } catch (error) {
      this.cells.markDirty(cells);
      this.influxHealthy = false;
      throw error;
    }
    this.cells.evictBefore(this.options.now() - this.options.lateWindowMs);
  }

  /** Stops flushing; tries one last write (the spool keeps whatever it cannot write). */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.flusher?.stop();
    if (this.ready) await this.flush().catch(() => {});
    await this.journal.close();
  }
}
