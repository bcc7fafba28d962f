import type { FileHandle } from 'node:fs/promises';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cell } from '../aggregate/cell.js';

/** The spool is full (InfluxDB has been away too long): stop acknowledging until it drains. */
export class SpoolFullError extends Error {
  constructor(bytes: number, limit: number) {
    super(`spool holds ${bytes} bytes, limit ${limit}: waiting for InfluxDB to drain it`);
    this.name = 'SpoolFullError';
  }
}

export interface JournalState {
  /** msgIds already counted (oldest first). */
  seenMsgIds: string[];
  /** Latest running total of every cell changed since the last successful InfluxDB write. */
  pendingCells: Cell[];
}

const SEGMENT = /^seg-(\d{12})\.jsonl$/;
const segName = (n: number) => `seg-${String(n).padStart(12, '0')}.jsonl`;

/**
 * The on-disk spool: every accepted summary appends `{msgId, new cell total}` to the open segment
 * and is fsynced (grouped with concurrent ones) before the MQTT acknowledgement. A segment is deleted (its msgIds moved to
 * `seen.log`) only once InfluxDB holds totals at least as new. Appending totals, not deltas, makes
 * replay after a crash idempotent; a torn last line is a summary that was never acknowledged.
 */
export class Journal {
  private handle: FileHandle | null = null;
  private segment = 0;
  private bytes = 0;
  private seenLines = 0;
  private written = 0;
  private synced = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly seenCapacity: number,
  ) {}

  get spooledBytes(): number {
    return this.bytes;
  }

  /** Runs `fn` after every earlier exclusive call has finished (appends, rotations, commits). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  async open(): Promise<JournalState> {
    await mkdir(this.dir, { recursive: true });
    const seenText = await readFile(join(this.dir, 'seen.log'), 'utf8').catch(() => '');
    const seenMsgIds = seenText.split('\n').filter((l) => l.length > 0);
    this.seenLines = seenMsgIds.length;
    const cells = new Map<string, Cell>();
    const segments = await this.segments();
    this.bytes = 0;
    for (const n of segments) {
      const path = join(this.dir, segName(n));
      this.bytes += (await stat(path)).size;
      for (const line of (await readFile(path, 'utf8')).split('\n')) {
        const record = parseRecord(line);
        if (!record) continue; // torn write at a crash: that summary was never acknowledged
        seenMsgIds.push(record.m);
        cells.set(record.id, record.c);
      }
    }
    this.segment = (segments.at(-1) ?? 0) + 1;
    this.handle = await open(join(this.dir, segName(this.segment)), 'a');
    return { seenMsgIds, pendingCells: [...cells.values()] };
  }

  /**
   * Appends one record without waiting for the disk; returns its sequence number for `syncUpTo`.
   * Call inside `exclusive`. Throws SpoolFullError when the spool is full.
   */
  async append(msgId: string, id: string, cell: Cell): Promise<number> {
    if (!this.handle) throw new Error('journal not open');
    if (this.bytes >= this.maxBytes) throw new SpoolFullError(this.bytes, this.maxBytes);
    const line = `${JSON.stringify({ m: msgId, id, c: cell })}\n`;
    await this.handle.write(line);
    this.bytes += Buffer.byteLength(line);
    this.written += 1;
    return this.written;
  }

  /**
   * Makes record `seq` durable. Call inside `exclusive`: records appended while one fsync runs
   * are covered by the next, so concurrent summaries share fsyncs (group commit).
   */
  async syncUpTo(seq: number): Promise<void> {
    if (this.synced >= seq) return;
    if (!this.handle) throw new Error('journal not open');
    const target = this.written;
    await this.handle.datasync();
    this.synced = target;
  }

  /** Closes the open segment and starts a new one; returns the closed segment's number. Inside `exclusive`. */
  async rotate(): Promise<number> {
    const closed = this.segment;
    // Whatever is in memory now is in this segment; it must be on disk before it goes to InfluxDB.
    await this.syncUpTo(this.written);
    await this.handle?.close();
    this.segment += 1;
    this.handle = await open(join(this.dir, segName(this.segment)), 'a');
    return closed;
  }

  /** InfluxDB now holds everything up to segment `upTo`: move its msgIds to seen.log and delete it. */
  async commit(upTo: number): Promise<void> {
    for (const n of await this.segments()) {
      if (n > upTo) break;
      const path = join(this.dir, segName(n));
      const text = await readFile(path, 'utf8');
      const ids = text
        .split('\n')
        .map(parseRecord)
        .flatMap((r) => (r ? [r.m] : []));
      if (ids.length > 0) await this.appendSeen(ids);
      this.bytes -= Buffer.byteLength(text);
      await rm(path);
    }
    this.bytes = Math.max(0, this.bytes);
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  private async appendSeen(ids: string[]): Promise<void> {
    const path = join(this.dir, 'seen.log');
    await appendFile(path, `${ids.join('\n')}\n`);
    const h = await open(path, 'r+');
    await h.datasync();
    await h.close();
    this.seenLines += ids.length;
    if (this.seenLines > 2 * this.seenCapacity) {
      // Keep only the newest msgIds; older redeliveries fall outside the late window anyway.
      const keep = (await readFile(path, 'utf8')).split('\n').filter(Boolean).slice(-this.seenCapacity);
      const tmp = `${path}.tmp`;
      const h2 = await open(tmp, 'w');
      await h2.write(`${keep.join('\n')}\n`);
      await h2.datasync();
      await h2.close();
      await rename(tmp, path);
      this.seenLines = keep.length;
    }
  }

  private async segments(): Promise<number[]> {
    const names = await readdir(this.dir);
    return names
      .map((n) => SEGMENT.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }
}

function parseRecord(line: string): { m: string; id: string; c: Cell } | null {
  if (!line) return null;
  try {
    const r = JSON.parse(line) as { m?: unknown; id?: unknown; c?: unknown };
    if (typeof r.m !== 'string' || typeof r.id !== 'string' || typeof r.c !== 'object' || !r.c) return null;
    return r as { m: string; id: string; c: Cell };
  } catch {
    return null;
  }
}
