import { readdirSync } from 'node:fs';
import { PostureTracker } from '../posture/posture-tracker.js';
import { HAPT_DIR, type LabelledSample, readRecording } from '../testing/hapt.js';

/**
 * Runs the posture tracker over every UCI HAPT recording (waist, no axis given to the code) and
 * prints the mean inclination from the learned upright reference per activity: STANDING should
 * come out near 0°, LAYING near 90°. Usage: `pnpm exec tsx kinematics/src/tools/hapt-reference-report.ts [--no-gyro]`.
 */
const useGyro = !process.argv.includes('--no-gyro');
const perLabel = new Map<string, number[]>();
for (const file of readdirSync(HAPT_DIR).filter((f) => f.endsWith('.csv.gz'))) {
  const rec = readRecording(`${HAPT_DIR}/${file}`);
  const tracker = new PostureTracker({ placement: 'pelvis' });
  const sums = new Map<string, { s: number; n: number }>();
  let j = 0;
  for (const raw of rec) {
    for (const p of tracker.push(useGyro ? raw : { ...raw, gyro: null })) {
      while (j + 1 < rec.length && (rec[j + 1] as LabelledSample).tMs <= p.tMs) j++;
      const label = (rec[j] as LabelledSample).label;
      const acc = sums.get(label) ?? { s: 0, n: 0 };
      acc.s += p.inclinationDeg;
      acc.n++;
      sums.set(label, acc);
    }
  }
  const row = [...sums].filter(([label]) => !label.includes('_TO_'));
  console.log(
    `${file.padEnd(22)} ref ${tracker.reference.source.padEnd(8)} ` +
      row.map(([label, v]) => `${label} ${(v.s / v.n).toFixed(0)}°`).join('  '),
  );
  for (const [label, v] of sums) perLabel.set(label, [...(perLabel.get(label) ?? []), v.s / v.n]);
}
console.log(`\nmean inclination per recording (${useGyro ? 'with' : 'without'} gyroscope):`);
for (const [label, values] of perLabel) {
  const sorted = values.sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] as number;
  console.log(
    `${label.padEnd(20)} median ${median.toFixed(1)}°  min ${sorted[0]?.toFixed(1)}°  max ${sorted.at(-1)?.toFixed(1)}°`,
  );
}
