import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeSummary, encodeSummary, type Summary } from '@haltung/protocol';

/** One spooled summary: its file name (the queue order) and content. */
export interface SpooledSummary {
  name: string;
  summary: Summary;
}

/**
 * The bounded on-disk queue of summaries waiting for the site broker. Every summary is written here
 * (fsync'd, then renamed into place, then the directory fsync'd) before it is published and
 * deleted only after the broker acknowledged it, so none is lost when the agent or the site broker
 * restarts. A re-sent summary keeps its msgId, so the server drops the duplicate. When full, the
 * oldest summary is dropped (and counted): the newest data is the most useful.
 */
export class SummarySpool {
  private names: string[];
  private counter = 0;

  constructor(
    readonly dir: string,
    readonly maxFiles: number,
    private readonly onDrop: (name: string, why: 'full' | 'corrupt') => void = () => {},
  ) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
    this.names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  }

  get size(): number {
    return this.names.length;
  }

  /** Writes a summary durably; returns its name. */
  enqueue(summary: Summary): string {
    while (this.names.length >= this.maxFiles) {
      const oldest = this.names[0] as string;
      this.remove(oldest);
      this.onDrop(oldest, 'full');
    }
    const stamp = String(Date.now()).padStart(15, '0');
    const seq = String(this.counter++ % 1_000_000).padStart(6, '0');
    const name = `${stamp}-${seq}-${summary.msgId}.json`;
    const tmp = join(this.dir, `${name}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, encodeSummary(summary));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, name));
    syncDir(this.dir);
    this.names.push(name);
    return name;
  }

  /** The oldest `limit` summaries not in `skip`; corrupt files are removed and reported. */
  peek(limit: number, skip: ReadonlySet<string> = new Set()): SpooledSummary[] {
    const out: SpooledSummary[] = [];
    for (const name of [...this.names]) {
      if (out.length >= limit) break;
      if (skip.has(name)) continue;
      let text = '';
      try {
        text = readFileSync(join(this.dir, name), 'utf8');
      } catch {
        this.names = this.names.filter((n) => n !== name);
        continue;
      }
      const decoded = decodeSummary(text);
      if (decoded.ok) out.push({ name, summary: decoded.value });
      else {
        this.remove(name);
        this.onDrop(name, 'corrupt');
      }
    }
    return out;
  }

  /** Deletes a delivered summary. */
  remove(name: string): void {
    rmSync(join(this.dir, name), { force: true });
    const i = this.names.indexOf(name);
    if (i >= 0) this.names.splice(i, 1);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  }
}
