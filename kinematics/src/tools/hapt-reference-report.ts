import { readdirSync } from 'node:fs';
import { angleBetween, RAD_TO_DEG } from '../math/vec3.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { HAPT_DIR, type LabelledSample, meanAccDirection, readRecording } from '../testing/hapt.js';

/**
 * Runs the posture tracker over every UCI HAPT recording (waist, no axis given to the code) and
 * prints the mean inclination from the learned upright reference per activity: STANDING should
 * come out near 0°, LAYING near 90°. Then, per recording, how far the mean up direction while
 * standing and while sitting lies from the one while walking (what a belt sensor's check of a
 * standing candidate against the walking mean has to tell apart), and what each threshold lets
 * through. Usage: `pnpm exec tsx kinematics/src/tools/hapt-reference-report.ts [--no-gyro]`.
 */
const useGyro = !process.argv.includes('--no-gyro');
const perLabel = new Map<string, number[]>();
const fromWalking = { STANDING: [] as number[], SITTING: [] as number[] };
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
  const walking = meanAccDirection(rec, 'WALKING');
  const standing = meanAccDirection(rec, 'STANDING');
  const sitting = meanAccDirection(rec, 'SITTING');
  if (walking && standing && sitting) {
    fromWalking.STANDING.push(angleBetween(standing, walking) * RAD_TO_DEG);
    fromWalking.SITTING.push(angleBetween(sitting, walking) * RAD_TO_DEG);
  }
}
console.log(`\nmean inclination per recording (${useGyro ? 'with' : 'without'} gyroscope):`);
for (const [label, values] of perLabel) {
  const sorted = values.sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] as number;
  console.log(
    `${label.padEnd(20)} median ${median.toFixed(1)}°  min ${sorted[0]?.toFixed(1)}°  max ${sorted.at(-1)?.toFixed(1)}°`,
  );
}

const quantile = (v: readonly number[], q: number) =>
  ([...v].sort((a, b) => a - b)[Math.round(q * (v.length - 1))] as number).toFixed(1);
const n = fromWalking.STANDING.length;
console.log(
  `\nmean up vs the walking mean, ${n} recordings with standing, sitting and walking (p10 / median / p90):`,
);
for (const [label, v] of Object.entries(fromWalking))
  console.log(`${label.padEnd(20)} ${quantile(v, 0.1)}° / ${quantile(v, 0.5)}° / ${quantile(v, 0.9)}°`);
for (const t of [5, 7, 10, 12, 15])
  console.log(
    `check ${String(t).padStart(2)}°: refuses ${fromWalking.STANDING.filter((d) => d > t).length} of ${n} standing stances, ` +
      `lets ${fromWalking.SITTING.filter((d) => d <= t).length} of ${n} seats through`,
  );
