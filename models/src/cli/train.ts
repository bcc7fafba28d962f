import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '../runtime/backend.js';
import { runTraining } from '../train/run-training.js';
import { writeArtifacts } from '../train/write-artifacts.js';

const root = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    hapt: { type: 'string', default: resolve(root, '../shared/data/uci-hapt') },
    out: { type: 'string', default: resolve(root, 'models/artifacts/posture') },
    version: { type: 'string', default: '1.3.0' },
    folds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '240' },
    epochs: { type: 'string', default: '30' },
    'hapt-share': { type: 'string', default: '0.5' },
    smoothing: { type: 'string', default: '0' },
    batch: { type: 'string', default: '128' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run train -- [--seed N] [--hapt <folder>] [--out <folder>] [--version x.y.z]
  [--folds 5] [--workers 200] [--seconds 240] [--epochs 30] [--hapt-share 0.5] [--smoothing 0] [--batch 128]
Trains the posture model from simulated workers and the UCI HAPT recordings (read at run time),
cross-validates on HAPT by subject (every recording also scored without its gyroscope), and writes model.json, weights.bin, metadata.json, report.json
and MODEL_CARD.md. --hapt-share is the share of training draws from HAPT (the rest simulated);
--smoothing the time constant (s) of the causal probability smoothing the model is scored and shipped
with (0: per window, as the edge counts classes).
Same seed, same model.`);
  process.exit(0);
}
const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
// Training runs on the plain JS backend: deterministic, and wasm has no gradients for every op.
await selectBackend('cpu');
const result = await runTraining({
  seed: Number(values.seed),
  haptDir: values.hapt,
  folds: Number(values.folds),
  smoothingS: Number(values.smoothing),
  simulation: { workers: Number(values.workers), seconds: Number(values.seconds) },
  config: {
    hidden: [64, 32],
    l2: 1e-4,
    epochs: Number(values.epochs),
    rowsPerEpoch: 12_000,
    batchSize: Number(values.batch),
    learningRate: 3e-3,
    stride: 2,
    sourceShare: { hapt: Number(values['hapt-share']), simulated: 1 - Number(values['hapt-share']) },
  },
  log,
});
const metadata = await writeArtifacts(result, values.out, values.version, Number(values.smoothing));
const cv = result.report.haptCrossValidation;
const sim = result.report.simulatedHeldOut;
log(`wrote ${values.out} (model ${metadata.version})`);
log(
  `HAPT leave-subjects-out macro-F1 ${cv.model.macroF1.toFixed(3)} (baseline ${cv.baseline.macroF1.toFixed(3)}), ` +
    `worst subject ${cv.model.subjectMacroF1?.worst.value.toFixed(3)} (${cv.model.subjectMacroF1?.worst.subject}); ` +
    `unsmoothed ${cv.modelUnsmoothed.macroF1.toFixed(3)}`,
);
log(
  `simulated held-out macro-F1 ${sim.body.macroF1.toFixed(3)} (trunk/pelvis), ${sim.arm.macroF1.toFixed(3)} (arm)`,
);
const acc = result.report.accelerometerOnly;
log(
  `accelerometer only: HAPT macro-F1 ${acc.haptCrossValidation.model.macroF1.toFixed(3)}, worst subject ` +
    `${acc.haptCrossValidation.model.subjectMacroF1?.worst.value.toFixed(3)}; simulated ` +
    `${acc.simulatedHeldOut.body.macroF1.toFixed(3)} (trunk/pelvis), ${acc.simulatedHeldOut.arm.macroF1.toFixed(3)} (arm)`,
);
