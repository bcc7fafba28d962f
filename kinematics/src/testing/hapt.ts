import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { normalize, type Vec3 } from '../math/vec3.js';
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

/**
 * Mean specific-force direction of the samples with this label, or null if there are none: the
 * gravity direction of a held posture, and of walking too (gait accelerations average out).
 */
export function meanAccDirection(rec: readonly LabelledSample[], label: string): Vec3 | null {
  let [x, y, z, n] = [0, 0, 0, 0];
  for (const r of rec) {
    if (r.label !== label) continue;
    x += r.acc[0];
    y += r.acc[1];
    z += r.acc[2];
    n++;
  }
  return n > 0 ? normalize([x, y, z]) : null;
}
