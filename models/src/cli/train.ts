import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BackendPreference, selectBackend } from '../runtime/backend.js';
import { runTraining } from '../train/run-training.js';
import { writeArtifacts } from '../train/write-artifacts.js';

const root = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    hapt: { type: 'string', default: resolve(root, '../shared/data/uci-hapt') },
    out: { type: 'string', default: resolve(root, 'models/artifacts/posture') },
    version: { type: 'string', default: '1.4.0' },
    folds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '400' },
    seconds: { type: 'string', default: '240' },
    epochs: { type: 'string', default: '60' },
    'hapt-share': { type: 'string', default: '0.6' },
    smoothing: { type: 'string', default: '0' },
    batch: { type: 'string', default: '128' },
    hidden: { type: 'string', default: '128,64' },
    draws: { type: 'string', default: '16000' },
    l2: { type: 'string', default: '1e-4' },
    'height-oracle': { type: 'boolean', default: false },
    backend: { type: 'string', default: 'auto' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run train -- [--seed N] [--hapt <folder>] [--out <folder>] [--version x.y.z]
  [--folds 5] [--workers 400] [--seconds 240] [--epochs 60] [--draws 16000] [--hidden 128,64] [--l2 1e-4]
  [--hapt-share 0.6] [--smoothing 0] [--batch 128] [--backend auto|tensorflow|wasm|cpu] [--height-oracle]
Trains the posture model from simulated workers and the UCI HAPT recordings (read at run time),
cross-validates on HAPT by subject (every recording also scored without its gyroscope), and writes model.json, weights.bin, metadata.json, report.json
and MODEL_CARD.md. --draws is the rows drawn per epoch, --hidden the MLP's hidden layer sizes, --l2 their weight penalty. --hapt-share is the share of training draws from HAPT (the rest simulated);
--smoothing the time constant (s) of the causal probability smoothing the model is scored and shipped
with (0: per window, as the edge counts classes).
--height-oracle (diagnosis only, needs --out elsewhere) gives simulated windows the simulator's true
hip height change in place of the estimate: what the model could do with a perfect height estimate.
Same seed, same model.`);
  process.exit(0);
}
const defaultOut = resolve(root, 'models/artifacts/posture');
if (values['height-oracle'] && resolve(values.out) === defaultOut) {
  console.error('train: --height-oracle is a diagnosis; give --out a folder other than the shipped model');
  process.exit(2);
}
const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
// tfjs-node where installed, else wasm (4× the plain JS backend for this MLP: 18 s instead of 78 s
// per training here), else cpu. Each backend is deterministic; their float sums differ slightly, so a
// seed reproduces the shipped model bit for bit on the backend the report names.
const backend = await selectBackend(values.backend as BackendPreference);
log(`TF.js backend ${backend}`);
const result = await runTraining({
  seed: Number(values.seed),
  backend,
  haptDir: values.hapt,
  folds: Number(values.folds),
  smoothingS: Number(values.smoothing),
  simulation: {
    workers: Number(values.workers),
    seconds: Number(values.seconds),
    ...(values['height-oracle'] && { heightOracle: true }),
  },
  config: {
    hidden: values.hidden.split(',').map(Number),
    l2: Number(values.l2),
    epochs: Number(values.epochs),
    rowsPerEpoch: Number(values.draws),
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
