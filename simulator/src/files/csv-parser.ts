import { CSV_HEADER, estimateSampleRateHz, type Recording, RecordingFormatError } from './recording.js';

/** Parsed rows of one chunk: struct-of-arrays, `count` valid entries. */
export interface RecordingChunk {
  count: number;
  /** Subject per row (equal values share one string). */
  subjects: string[];
  labels: string[];
  tMs: Float64Array;
  acc: Float32Array;
  /** count × 3; NaN where the row has no gyroscope sample. */
  gyro: Float32Array;
  /** Whether any row of this chunk had a gyroscope sample. */
  hasGyro: boolean;
  /** 1-based file line of the first row. */
  firstLine: number;
}

/**
 * Incremental parser of the common CSV format: feed text in any pieces, take rows out in chunks.
 * Hand-written rather than csv-parse because the format has no quoting and speed matters (41 files
 * of UCI HAPT are read at every training run).
 */
export class CsvRecordingParser {
  private rest = '';
  private line = 0;
  private sawHeader = false;
  private readonly intern = new Map<string, string>();
  private readonly lastTBySubject = new Map<string, number>();
  private chunk: RecordingChunk;

  constructor(
    private readonly file: string,
    private readonly chunkSize = 8192,
  ) {
    this.chunk = this.newChunk();
  }

  /** Parses complete lines of `text`; returns chunks that filled up. */
  push(text: string): RecordingChunk[] {
    const out: RecordingChunk[] = [];
    const data = this.rest + text;
    let start = 0;
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (nl < 0) break;
      this.parseLine(data.slice(start, nl), out);
      start = nl + 1;
    }
    this.rest = data.slice(start);
    return out;
  }

  /** Parses the last line and returns the remaining rows. Fails on a file without a header. */
  end(): RecordingChunk[] {
    const out: RecordingChunk[] = [];
    if (this.rest.length > 0) this.parseLine(this.rest, out);
    this.rest = '';
    if (!this.sawHeader) this.fail(Math.max(this.line, 1), `empty file: expected the header "${CSV_HEADER}"`);
    if (this.chunk.count > 0) out.push(this.chunk);
    this.chunk = this.newChunk();
    return out;
  }

  private parseLine(raw: string, out: RecordingChunk[]): void {
    this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!this.sawHeader) {
      const header = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (header.trim() !== CSV_HEADER) {
        this.fail(this.line, `expected the header "${CSV_HEADER}", got "${header.slice(0, 80)}"`);
      }
      this.sawHeader = true;
      return;
    }
    if (text.length === 0) return;
    const f = text.split(',');
    if (f.length !== 9) this.fail(this.line, `expected 9 fields, got ${f.length}`);
    const c = this.chunk;
    const i = c.count;
    const subject = this.interned(f[0] as string, 'subject');
    const label = this.interned(f[1] as string, 'label');
    const t = this.num(f[2] as string, 't_ms');
    const last = this.lastTBySubject.get(subject);
    if (last !== undefined && t < last) {
      this.fail(this.line, `t_ms ${t} goes back in time (previous ${last} for subject ${subject})`);
    }
    this.lastTBySubject.set(subject, t);
    c.subjects[i] = subject;
    c.labels[i] = label;
    c.tMs[i] = t;
    c.acc[i * 3] = this.num(f[3] as string, 'ax');
    c.acc[i * 3 + 1] = this.num(f[4] as string, 'ay');
    c.acc[i * 3 + 2] = this.num(f[5] as string, 'az');
    const gx = f[6] as string;
    const gy = f[7] as string;
    const gz = f[8] as string;
    if (gx === '' && gy === '' && gz === '') {
      c.gyro[i * 3] = Number.NaN;
      c.gyro[i * 3 + 1] = Number.NaN;
      c.gyro[i * 3 + 2] = Number.NaN;
    } else {
      c.gyro[i * 3] = this.num(gx, 'gx');
      c.gyro[i * 3 + 1] = this.num(gy, 'gy');
      c.gyro[i * 3 + 2] = this.num(gz, 'gz');
      c.hasGyro = true;
    }
    c.count++;
    if (c.count === this.chunkSize) {
      out.push(c);
      this.chunk = this.newChunk();
    }
  }

  private num(s: string, field: string): number {
    // Number('') is 0 and Number(' 1') is 1: refuse both, an empty measurement is not zero.
    const v = s.length === 0 || s.charCodeAt(0) === 32 ? Number.NaN : Number(s);
    if (!Number.isFinite(v)) this.fail(this.line, `${field} "${s.slice(0, 40)}" is not a finite number`);
    return v;
  }

  private interned(s: string, field: string): string {
    if (s.length === 0) this.fail(this.line, `${field} is empty`);
    let v = this.intern.get(s);
    if (v === undefined) {
      if (s.includes('"')) this.fail(this.line, `${field} contains a quote; the format has no quoting`);
      v = s;
      this.intern.set(s, v);
    }
    return v;
  }

  private fail(line: number, reason: string): never {
    throw new RecordingFormatError(this.file, line, reason);
  }

  private newChunk(): RecordingChunk {
    const n = this.chunkSize;
    return {
      count: 0,
      subjects: [],
      labels: [],
      tMs: new Float64Array(n),
      acc: new Float32Array(n * 3),
      gyro: new Float32Array(n * 3),
      hasGyro: false,
      firstLine: this.line + 1,
    };
  }
}

/** Joins chunks into one recording per subject, in order of first appearance. */
export function chunksToRecordings(chunks: readonly RecordingChunk[]): Recording[] {
  const counts = new Map<string, number>();
  for (const c of chunks) {
    for (let i = 0; i < c.count; i++) {
      const s = c.subjects[i] as string;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
  const bySubject = new Map<string, Recording & { anyGyro: boolean }>();
  for (const [subject, n] of counts) {
    bySubject.set(subject, {
      subject,
      count: 0,
      labels: new Array<string>(n),
      tMs: new Float64Array(n),
      acc: new Float32Array(n * 3),
      gyro: new Float32Array(n * 3),
      sampleRateHz: 0,
      anyGyro: false,
    });
  }
  for (const c of chunks) {
    for (let i = 0; i < c.count; i++) {
      const r = bySubject.get(c.subjects[i] as string) as Recording & { anyGyro: boolean };
      const j = r.count++;
      r.labels[j] = c.labels[i] as string;
      r.tMs[j] = c.tMs[i] as number;
      for (let a = 0; a < 3; a++) {
        r.acc[j * 3 + a] = c.acc[i * 3 + a] as number;
        const g = c.gyro[i * 3 + a] as number;
        (r.gyro as Float32Array)[j * 3 + a] = g;
        if (!Number.isNaN(g)) r.anyGyro = true;
      }
    }
  }
  return [...bySubject.values()].map(({ anyGyro, ...r }) => ({
    ...r,
    gyro: anyGyro ? r.gyro : null,
    sampleRateHz: estimateSampleRateHz(r.tMs),
  }));
}
