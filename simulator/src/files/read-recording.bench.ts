import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRecording } from './read-recording.js';

const HAPT = '/work/shared/data/uci-hapt';

/** Rows per second reading the 41 UCI HAPT files (gzipped CSV), as every training run does. */
export default async function bench() {
  const files = readdirSync(HAPT).filter((f) => f.endsWith('.csv.gz'));
  const start = process.hrtime.bigint();
  let rows = 0;
  for (const f of files) rows += (await readRecording(join(HAPT, f))).count;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return [
    {
      name: 'read recordings (UCI HAPT, gzipped CSV)',
      value: Math.round(rows / seconds),
      unit: 'rows/s',
      higherIsBetter: true,
      details: { files: files.length, rows, seconds },
    },
  ];
}
