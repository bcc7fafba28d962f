import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { RawSample } from '../types.js';

/** Where the shared real recordings live (see /work/shared/data/README.md). */
export const HAPT_DIR = '/work/shared/data/uci-hapt';

export interface LabelledSample extends RawSample {
  label: string;
}

/** Reads one recording in the common CSV format (`subject,label,t_ms,ax,ay,az,gx,gy,gz`, gzipped). */
export function readRecording(path: string): LabelledSample[] {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  const out: LabelledSample[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.split(',');
    if (f.length < 9) continue;
    const hasGyro = f[6] !== '' && f[6] !== undefined;
    out.push({
      label: f[1] as string,
      tMs: Number(f[2]),
      acc: [Number(f[3]), Number(f[4]), Number(f[5])],
      gyro: hasGyro ? [Number(f[6]), Number(f[7]), Number(f[8])] : null,
    });
  }
  return out;
}
