import type { RecordingChunk } from './csv-parser.js';
import { estimateSampleRateHz, type Recording } from './recording.js';

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
