import { describe, expect, it } from 'vitest';
import { readRecording } from '../files/read-recording.js';
import { ACTIVITIES } from '../types.js';
import { createSyntheticWorker } from './synthetic-worker.js';

const HAPT = '/work/shared/data/uci-hapt';

/** Mean and standard deviation of the per-axis values of rows where `keep` holds. */
function axisStats(acc: Float32Array, count: number, keep: (i: number) => boolean) {
  const sums = [0, 0, 0];
  const sq = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (!keep(i)) continue;
    n++;
    for (let a = 0; a < 3; a++) {
      const v = acc[i * 3 + a] as number;
      sums[a] = (sums[a] as number) + v;
      sq[a] = (sq[a] as number) + v * v;
    }
  }
  return sums.map((s, a) => Math.sqrt((sq[a] as number) / n - (s / n) ** 2));
}

describe('synthetic walking against real waist recordings (UCI HAPT)', () => {
  it('has the vertical and horizontal acceleration spread of real walking, within 30 %', async () => {
    const real = [0, 0, 0];
    const files = ['exp01_user01', 'exp03_user02', 'exp05_user03'];
    for (const f of files) {
      const r = await readRecording(`${HAPT}/${f}.csv.gz`);
      axisStats(r.acc, r.count, (i) => r.labels[i] === 'WALKING').forEach((v, a) => {
        real[a] = (real[a] as number) + v / files.length;
      });
    }
    const sim = [0, 0, 0];
    const seeds = [1, 2, 3, 4];
    for (const seed of seeds) {
      const w = createSyntheticWorker({
        seed,
        sampleRateHz: 50,
        placements: ['pelvis'],
        task: [{ activity: 'walking', durationS: 60 }],
      });
      const b = w.next(50 * 50);
      const walking = ACTIVITIES.indexOf('walking');
      axisStats(
        b.sensors.pelvis?.acc as Float32Array,
        b.count,
        (i) => b.truth.activity[i] === walking,
      ).forEach((v, a) => {
        sim[a] = (sim[a] as number) + v / seeds.length;
      });
    }
    // Both sensors have x up; the phone's y and z lie in the horizontal plane, like ours.
    expect(Math.abs((sim[0] as number) / (real[0] as number) - 1)).toBeLessThan(0.3);
    const horizontal = (s: number[]) => Math.hypot(s[1] as number, s[2] as number);
    expect(Math.abs(horizontal(sim) / horizontal(real) - 1)).toBeLessThan(0.3);
  });
});
