/**
 * How well the causal height-change features separate the postures they are meant for:
 * `pnpm exec tsx models/src/cli/height-report.ts [--workers 16] [--ideal]` (from the repository root) prints, per placement
 * and class, quartiles of `hip_height_change_m` on simulated workers (the training plan's first
 * workers, seed 1) and on UCI HAPT, and the AUCs of sitting < standing and squatting < stooping.
 * `--ideal` uses error-free simulated IMUs (physics only), to tell method errors from sensor errors.
 */
import { resolve } from 'node:path';
import { FEATURE_INDEX as F, FEATURE_COUNT } from '@haltung/kinematics';
import { type LabelledWindows, loadHaptWindows } from '../data/labelled-streams.js';
import { simulatedWindows } from '../data/simulated-streams.js';

const args = process.argv.slice(2);
const workers = args.includes('--workers') ? Number(args[args.indexOf('--workers') + 1]) : 16;

/** Absolute error of the window's hip_height_change_m against the simulator's truth, per placement and class. */
const errors = new Map<string, number[]>();

function byClass(streams: readonly LabelledWindows[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { placement, windows: w } of streams) {
    if (placement.startsWith('upper_arm')) continue;
    for (let k = 0; k < w.count; k++) {
      const label = w.label[k] as string;
      if (label === 'transition' || label === 'unknown') continue;
      const key = `${placement} ${label}`;
      const list = out.get(key) ?? [];
      const value = w.features[k * FEATURE_COUNT + F.hip_height_change_m] as number;
      list.push(value);
      out.set(key, list);
      const truth = w.series.trueHipHeightChangeM?.[k];
      if (truth !== undefined && Number.isFinite(truth)) {
        const e = errors.get(key) ?? [];
        e.push(Math.abs(value - truth));
        errors.set(key, e);
      }
    }
  }
  return out;
}

/** P(a random value of `low` is below one of `high`), ties half. */
function auc(low: readonly number[] = [], high: readonly number[] = []): number {
  const all = [...low.map((v) => [v, 0] as const), ...high.map((v) => [v, 1] as const)].sort(
    (a, b) => a[0] - b[0],
  );
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]?.[0] === all[i]?.[0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]?.[1] === 1) rankSum += rank;
    i = j;
  }
  const n1 = high.length;
  const n0 = low.length;
  return n0 && n1 ? (rankSum - (n1 * (n1 + 1)) / 2) / (n0 * n1) : Number.NaN;
}

function report(title: string, classes: Map<string, number[]>): void {
  console.log(`\n${title}: hip_height_change_m quartiles (10/25/50/75/90 %), windows`);
  for (const [key, values] of [...classes].sort()) {
    const s = [...values].sort((a, b) => a - b);
    const q = [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => (s[Math.floor(p * (s.length - 1))] ?? 0).toFixed(2));
    console.log(`  ${key.padEnd(28)} ${q.map((v) => v.padStart(6)).join('')}  ${s.length}`);
  }
  for (const placement of ['pelvis', 'trunk']) {
    const sit = auc(classes.get(`${placement} sitting`), classes.get(`${placement} standing`));
    const low = auc(classes.get(`${placement} squatting_kneeling`), classes.get(`${placement} stooping`));
    if (Number.isFinite(sit)) {
      console.log(
        `  ${placement}: AUC sitting < standing ${sit.toFixed(3)}, squatting < stooping ${low.toFixed(3)}`,
      );
    }
  }
}

report(
  `Simulated workers 0–${workers - 1}${args.includes('--ideal') ? ' (ideal IMUs)' : ''}`,
  byClass(simulatedWindows({ seed: 1, workers, seconds: 180, idealSensors: args.includes('--ideal') })),
);
console.log(
  '\nSimulated: |hip_height_change_m − true hip height change| per window, m: median, 90 %, share > 0.2 m',
);
for (const [key, e] of [...errors].sort()) {
  const s = [...e].sort((a, b) => a - b);
  const q = (p: number) => (s[Math.floor(p * (s.length - 1))] ?? 0).toFixed(2);
  const big = (s.filter((v) => v > 0.2).length / s.length).toFixed(3);
  console.log(`  ${key.padEnd(28)} ${q(0.5).padStart(6)} ${q(0.9).padStart(6)} ${big.padStart(7)}`);
}
const all = [...errors.values()].flat();
console.log(
  `  all: mean ${(all.reduce((a, b) => a + b, 0) / all.length).toFixed(3)} m, share > 0.2 m ${(all.filter((v) => v > 0.2).length / all.length).toFixed(3)}`,
);
const hapt = resolve(import.meta.dirname, '../../../../shared/data/uci-hapt');
report('UCI HAPT (waist)', byClass(await loadHaptWindows(hapt)));
