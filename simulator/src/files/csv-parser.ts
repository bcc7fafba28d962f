import { parseDecimal } from './parse-decimal.js';
import { CSV_HEADER, RecordingFormatError } from './recording.js';

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
  /** Start and end offsets of the 9 fields of the current line. */
  private readonly bounds = new Int32Array(18);
  private lastSubject = '';
  private lastLabel = '';

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
      this.parseLine(data, start, nl, out);
      start = nl + 1;
    }
    this.rest = data.slice(start);
    return out;
  }

  /** Parses the last line and returns the remaining rows. Fails on a file without a header. */
  end(): RecordingChunk[] {
    const out: RecordingChunk[] = [];
    if (this.rest.length > 0) this.parseLine(this.rest, 0, this.rest.length, out);
    this.rest = '';
    if (!this.sawHeader) this.fail(Math.max(this.line, 1), `empty file: expected the header "${CSV_HEADER}"`);
    if (this.chunk.count > 0) out.push(this.chunk);
    this.chunk = this.newChunk();
    return out;
  }

  /** Parses data[from, to) (one line, without its newline), scanning in place (no split). */
  private parseLine(data: string, from: number, to: number, out: RecordingChunk[]): void {
    this.line++;
    const end = to > from && data.charCodeAt(to - 1) === 13 ? to - 1 : to;
    if (!this.sawHeader) {
      const text = data.slice(from, end);
      const header = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (header.trim() !== CSV_HEADER) {
        this.fail(this.line, `expected the header "${CSV_HEADER}", got "${header.slice(0, 80)}"`);
      }
      this.sawHeader = true;
      return;
    }
    if (end === from) return;
    const b = this.bounds;
    let a = from;
    for (let k = 0; k < 9; k++) {
      let e = data.indexOf(',', a);
      if (e < 0 || e > end) e = end;
      b[2 * k] = a;
      b[2 * k + 1] = e;
      if (e === end && k < 8) this.fail(this.line, `expected 9 fields, got ${k + 1}`);
      a = e + 1;
    }
    if ((b[17] as number) !== end) {
      const extra = data.slice(b[17] as number, end).split(',').length - 1;
      this.fail(this.line, `expected 9 fields, got ${9 + extra}`);
    }
    const c = this.chunk;
    const i = c.count;
    const subject = this.field(data, 0, 'subject', this.lastSubject);
    this.lastSubject = subject;
    const label = this.field(data, 1, 'label', this.lastLabel);
    this.lastLabel = label;
    const t = this.num(data, 2, 't_ms');
    const last = this.lastTBySubject.get(subject);
    if (last !== undefined && t < last) {
      this.fail(this.line, `t_ms ${t} goes back in time (previous ${last} for subject ${subject})`);
    }
    this.lastTBySubject.set(subject, t);
    c.subjects[i] = subject;
    c.labels[i] = label;
    c.tMs[i] = t;
    c.acc[i * 3] = this.num(data, 3, 'ax');
    c.acc[i * 3 + 1] = this.num(data, 4, 'ay');
    c.acc[i * 3 + 2] = this.num(data, 5, 'az');
    if (b[12] === b[13] && b[14] === b[15] && b[16] === b[17]) {
      c.gyro[i * 3] = Number.NaN;
      c.gyro[i * 3 + 1] = Number.NaN;
      c.gyro[i * 3 + 2] = Number.NaN;
    } else {
      c.gyro[i * 3] = this.num(data, 6, 'gx');
      c.gyro[i * 3 + 1] = this.num(data, 7, 'gy');
      c.gyro[i * 3 + 2] = this.num(data, 8, 'gz');
      c.hasGyro = true;
    }
    c.count++;
    if (c.count === this.chunkSize) {
      out.push(c);
      this.chunk = this.newChunk();
    }
  }

  private num(data: string, k: number, field: string): number {
    const a = this.bounds[2 * k] as number;
    const e = this.bounds[2 * k + 1] as number;
    const v = parseDecimal(data, a, e);
    if (!Number.isFinite(v))
      this.fail(this.line, `${field} "${data.slice(a, Math.min(e, a + 40))}" is not a finite number`);
    return v;
  }

  /** A text field; reuses `previous` when the row repeats it (almost always), without slicing. */
  private field(data: string, k: number, what: string, previous: string): string {
    const a = this.bounds[2 * k] as number;
    const e = this.bounds[2 * k + 1] as number;
    if (e - a === previous.length && previous.length > 0 && data.startsWith(previous, a)) return previous;
    return this.interned(data.slice(a, e), what);
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
