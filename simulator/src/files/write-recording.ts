import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { CSV_HEADER, type Recording } from './recording.js';

/** Samples to append: one subject, a label per sample (or one for all), struct-of-arrays. */
export interface SamplesToWrite {
  subject: string;
  /** A label per sample, or one label for every sample. */
  labels: string | readonly string[];
  /** ms from the start of the recording. */
  tMs: ArrayLike<number>;
  /** count × 3 interleaved, m/s², gravity included. */
  acc: ArrayLike<number>;
  /** count × 3 interleaved, rad/s; `null` (or NaN entries) for no gyroscope → empty fields. */
  gyro: ArrayLike<number> | null;
  /** Defaults to tMs.length. */
  count?: number;
}

export interface RecordingWriter {
  readonly path: string;
  readonly rowsWritten: number;
  /** Appends rows; resolves once the file stream can take more (back-pressure). */
  write(samples: SamplesToWrite): Promise<void>;
  /** Flushes and closes the file (and the gzip trailer). */
  close(): Promise<void>;
}

// Shortest text of a value rounded to `scale` (1e4 → 0.1 mm/s² for acc): compact and exact enough
// for int16-quantised replay. `+ 0` turns -0 into 0.
const fmt = (v: number, scale: number): string => String(Math.round(v * scale) / scale + 0);

/**
 * Opens a writer for the common CSV format; gzipped when the path ends in `.gz`. Subject and label
 * must not contain commas, quotes or line breaks (the format has no quoting).
 */
export function createRecordingWriter(path: string): RecordingWriter {
  const file = createWriteStream(path);
  const gz = path.endsWith('.gz') ? createGzip({ level: 6 }) : null;
  if (gz) gz.pipe(file);
  const sink: Writable = gz ?? file;
  let failure: Error | null = null;
  const onError = (error: Error) => {
    failure ??= new Error(`${path}: ${error.message}`, { cause: error });
  };
  file.on('error', onError);
  gz?.on('error', onError);
  sink.write(`${CSV_HEADER}\n`);
  let rows = 0;
  const checked = new Set<string>();
  const check = (s: string, what: string) => {
    if (checked.has(s)) return;
    if (s.length === 0 || /[,"\r\n]/.test(s)) {
      throw new Error(`${path}: ${what} ${JSON.stringify(s)} is empty or has a comma, quote or line break`);
    }
    checked.add(s);
  };
  return {
    path,
    get rowsWritten() {
      return rows;
    },
    async write(s) {
      if (failure) throw failure;
      const n = s.count ?? s.tMs.length;
      check(s.subject, 'subject');
      const prefix = `${s.subject},`;
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const label = typeof s.labels === 'string' ? s.labels : (s.labels[i] as string);
        check(label, 'label');
        const a = i * 3;
        let line = `${prefix}${label},${fmt(s.tMs[i] as number, 1e3)},${fmt(s.acc[a] as number, 1e4)},${fmt(s.acc[a + 1] as number, 1e4)},${fmt(s.acc[a + 2] as number, 1e4)},`;
        const g = s.gyro;
        const gx = g ? (g[a] as number) : Number.NaN;
        line += Number.isNaN(gx)
          ? ',,\n'
          : `${fmt(gx, 1e5)},${fmt(g?.[a + 1] as number, 1e5)},${fmt(g?.[a + 2] as number, 1e5)}\n`;
        parts.push(line);
      }
      rows += n;
      if (!sink.write(parts.join(''))) await drained(sink, file);
      if (failure) throw failure;
    },
    async close() {
      sink.end();
      if (!file.closed) await once(file, 'close').catch(() => {});
      if (failure) throw failure;
    },
  };
}

/** Resolves on 'drain', or when the file fails (the caller then reports the failure). */
function drained(sink: Writable, file: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done);
      file.off('error', done);
      file.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    file.on('error', done);
    file.on('close', done);
  });
}

/** Writes recordings (one subject each) to one file, plain or gzipped by extension. */
export async function writeRecording(
  path: string,
  recordings: Recording | readonly Recording[],
): Promise<void> {
  const writer = createRecordingWriter(path);
  try {
    const list: readonly Recording[] = 'subject' in recordings ? [recordings] : recordings;
    for (const r of list) {
      const step = 16384;
      for (let i = 0; i < r.count; i += step) {
        const end = Math.min(r.count, i + step);
        await writer.write({
          subject: r.subject,
          labels: r.labels.slice(i, end),
          tMs: r.tMs.subarray(i, end),
          acc: r.acc.subarray(i * 3, end * 3),
          gyro: r.gyro ? r.gyro.subarray(i * 3, end * 3) : null,
        });
      }
    }
  } finally {
    await writer.close();
  }
}
