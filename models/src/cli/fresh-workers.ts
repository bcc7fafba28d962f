/**
 * Scores a trained posture model on simulated workers drawn from other seeds than its own, so every
 * one of them is a new person to it: `pnpm exec tsx models/src/cli/fresh-workers.ts [--model dir]
 * [--seeds 201,202,203] [--workers 200] [--seconds 240] [--json]`.
 *
 * Why: the training run scores its 80 held-out workers, and between such draws of 80 people the
 * macro-F1 moves by about 0.01 (seed 1's draw 0.943, seed 2's 0.953 with the same recipe), which is
 * as large as the gaps being judged. Workers of another seed share no worker seed with the training
 * plan (`workerSpec`: seed·100003 + i·7919), so a few hundred of them measure the same thing with a
 * fraction of that spread. Scored as the training report scores its held-out workers: with the
 * gyroscope, reference learned from the data (no calibration), the model's own smoothing.
 * Seeds 101–103 served to choose between recipes (1.10.0's class offsets among them), so the
 * default, and the committed `fresh-workers.json`, are seeds 201–203: people no choice was made on.
 */

import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { PostureClass } from '@haltung/protocol';
import * as tf from '@tensorflow/tfjs';
import { simulatedWindowsInParallel } from '../data/simulated-streams.js';
import { selectBackend } from '../runtime/backend.js';
import { fileLoadHandler } from '../runtime/file-io.js';
import { DEFAULT_POSTURE_MODEL_DIR, readPostureMetadata } from '../runtime/posture-model.js';
import { isSimulatedTestWorker } from '../train/run-training.js';
import { scoreSimulated } from '../train/score-simulated.js';

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        model: { type: 'string', default: DEFAULT_POSTURE_MODEL_DIR },
        seeds: { type: 'string', default: '201,202,203' },
        workers: { type: 'string', default: '200' },
        seconds: { type: 'string', default: '240' },
        json: { type: 'boolean', default: false },
        // Only the workers a training run of that seed holds out: reproduces its report (a check of this tool).
        'held-out': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    // An unknown option or a missing value: say which, without a stack trace.
    console.error(`fresh-workers: ${(error as Error).message}`);
    process.exit(2);
  }
})();
const seeds = (values.seeds as string).split(',').map(Number);
const workers = Number(values.workers);
const seconds = Number(values.seconds);
if (!seeds.every(Number.isInteger) || !Number.isInteger(workers) || workers < 1 || !(seconds > 0)) {
  console.error('fresh-workers: --seeds must be whole numbers, --workers ≥ 1, --seconds > 0');
  process.exit(2);
}

const dir = values.model as string;
// A missing or broken model: say which file and why, without a stack trace.
const loaded = await (async () => {
  try {
    const metadata = await readPostureMetadata(dir);
    await selectBackend('cpu');
    return { metadata, model: await tf.loadLayersModel(fileLoadHandler(dir)) };
  } catch (error) {
    console.error(`fresh-workers: ${(error as Error).message}`);
    process.exit(2);
  }
})();
const { metadata, model } = loaded;
const trained = { model, norm: metadata.normalisation, rows: 0 };
const classes = metadata.classes as PostureClass[];

const perSeed: Record<string, { macroF1: number; windows: number }> = {};
const all = [];
for (const seed of seeds) {
  const only = Array.from({ length: workers }, (_, i) => i).filter(
    (i) => !values['held-out'] || isSimulatedTestWorker(i),
  );
  const streams = (
    await simulatedWindowsInParallel({ seed, workers, seconds, only }, (d, n) => {
      if (!values.json && (d % 50 === 0 || d === n)) console.error(`  seed ${seed}: workers ${d}/${n}`);
    })
  ).map((s) => ({ ...s, person: `${seed}:${s.person}` }));
  const scores = scoreSimulated(trained, streams, classes, metadata.smoothingS);
  perSeed[seed] = { macroF1: scores.body.macroF1, windows: scores.body.count };
  all.push(...streams);
}
const pooled = scoreSimulated(trained, all, classes, metadata.smoothingS);
model.dispose();

const result = {
  // Relative to where it runs (the repository root for the committed report), not this machine's path.
  model: relative(process.cwd(), dir) || '.',
  version: metadata.version,
  workersPerSeed: workers,
  seconds,
  perSeed,
  pooled: {
    macroF1: pooled.body.macroF1,
    windows: pooled.body.count,
    perClassF1: Object.fromEntries(Object.entries(pooled.body.perClass).map(([c, v]) => [c, v.f1])),
    macroF1ByPlacement: pooled.macroF1ByPlacement,
    flexionMaeDeg: pooled.flexionMaeDeg,
  },
};
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `model ${metadata.version} (${dir}) on ${seeds.length} × ${workers} fresh simulated workers, ${seconds} s each`,
  );
  for (const [seed, s] of Object.entries(perSeed))
    console.log(`  seed ${seed}: body macro-F1 ${s.macroF1.toFixed(3)} over ${s.windows} windows`);
  console.log(
    `  pooled: body macro-F1 ${result.pooled.macroF1.toFixed(3)} over ${result.pooled.windows} windows`,
  );
  for (const [c, f] of Object.entries(result.pooled.perClassF1))
    console.log(`    ${c.padEnd(20)} F1 ${f.toFixed(3)}`);
  for (const [p, f] of Object.entries(result.pooled.macroF1ByPlacement))
    console.log(`    ${p.padEnd(20)} macro-F1 ${f.toFixed(3)}`);
}
