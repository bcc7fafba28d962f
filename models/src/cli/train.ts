import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BackendPreference, selectBackend } from '../runtime/backend.js';
import { runTraining } from '../train/run-training.js';
import { writeArtifacts } from '../train/write-artifacts.js';

const root = resolve(import.meta.dirname, '../../..');
const options = {
  seed: { type: 'string', default: '1' },
  hapt: { type: 'string', default: resolve(root, '../shared/data/uci-hapt') },
  out: { type: 'string', default: resolve(root, 'models/artifacts/posture') },
  version: { type: 'string', default: '1.10.0' },
  folds: { type: 'string', default: '5' },
  workers: { type: 'string', default: '400' },
  seconds: { type: 'string', default: '240' },
  epochs: { type: 'string', default: '60' },
  'hapt-share': { type: 'string', default: '0.6' },
  smoothing: { type: 'string', default: '0' },
  batch: { type: 'string', default: '128' },
  hidden: { type: 'string', default: '128,64' },
  members: { type: 'string', default: '2' },
  draws: { type: 'string', default: '16000' },
  l2: { type: 'string', default: '1e-4' },
  'validation-workers': { type: 'string', default: '160' },
  'height-oracle': { type: 'boolean', default: false },
  backend: { type: 'string', default: 'auto' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
const { values } = (() => {
  try {
    return parseArgs({ options });
  } catch (error) {
    // An unknown option or a missing value: say which, without a stack trace.
    console.error(`train: ${(error as Error).message} (see --help)`);
    process.exit(2);
  }
})();
if (values.help) {
  console.log(`Usage: npm run train -- [--seed N] [--hapt <folder>] [--out <folder>] [--version x.y.z]
  [--folds 5] [--workers 400] [--seconds 240] [--epochs 60] [--draws 16000] [--hidden 128,64] [--members 2] [--l2 1e-4]
  [--hapt-share 0.6] [--validation-workers 160] [--smoothing 0] [--batch 128] [--backend auto|tensorflow|wasm|cpu]
  [--height-oracle]
Trains the posture model from simulated workers and the UCI HAPT recordings (read at run time),
cross-validates on HAPT by subject (every recording also scored without its gyroscope), and writes model.json, weights.bin, metadata.json, report.json
and MODEL_CARD.md. --draws is the rows drawn per epoch, --hidden the MLP's hidden layer sizes, --members how many such MLPs (other seeds) are averaged, --l2 their weight penalty. --hapt-share is the share of training draws from HAPT (the rest simulated);
--validation-workers simulated people outside every other set on whom each model's class offsets are
tuned (0: none);
--smoothing the time constant (s) of the causal probability smoothing the model is scored and shipped
with (0: per window, as the edge counts classes).
--height-oracle (diagnosis only, needs --out elsewhere) gives simulated windows the simulator's true
hip height change in place of the estimate: what the model could do with a perfect height estimate.
Same seed, same model.`);
  process.exit(0);
}
const problems: string[] = [];
const number = (name: keyof typeof values, ok: (v: number) => boolean, what: string): number => {
  const v = Number(values[name]);
  if (!ok(v)) problems.push(`--${name} ${values[name]}: ${what}`);
  return v;
};
const whole = (v: number) => Number.isInteger(v) && v > 0;
const seed = number('seed', Number.isInteger, 'must be an integer');
const folds = number('folds', (v) => Number.isInteger(v) && v >= 0 && v !== 1, 'must be 0 or an integer ≥ 2');
const workers = number(
  'workers',
  (v) => whole(v) && v >= 5,
  'must be an integer ≥ 5 (one in five is held out)',
);
const seconds = number('seconds', (v) => v >= 10, 'must be at least 10');
const epochs = number('epochs', whole, 'must be a positive integer');
const draws = number('draws', whole, 'must be a positive integer');
const batch = number('batch', whole, 'must be a positive integer');
const members = number('members', whole, 'must be a positive integer');
const l2 = number('l2', (v) => v >= 0, 'must be a number ≥ 0');
const haptShare = number('hapt-share', (v) => v >= 0 && v <= 1, 'must be between 0 and 1');
const validationWorkers = number(
  'validation-workers',
  (v) => Number.isInteger(v) && v >= 0,
  'must be an integer ≥ 0 (0: no class offsets)',
);
const smoothing = number('smoothing', (v) => v >= 0, 'must be a number of seconds ≥ 0');
const hidden = values.hidden.split(',').map(Number);
if (!hidden.every(whole)) problems.push(`--hidden ${values.hidden}: must be layer sizes, e.g. 128,64`);
if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(values.backend))
  problems.push(`--backend ${values.backend}: must be auto, tensorflow, wasm or cpu`);
const defaultOut = resolve(root, 'models/artifacts/posture');
if (values['height-oracle'] && resolve(values.out) === defaultOut)
  problems.push('--height-oracle is a diagnosis: give --out a folder other than the shipped model');
if (problems.length > 0) {
  console.error(`train: ${problems.join('; ')} (see --help)`);
  process.exit(2);
}
const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
// tfjs-node where installed, else wasm (4× the plain JS backend for this MLP: 18 s instead of 78 s
// per training here), else cpu. Each backend is deterministic (two wasm runs of 1.4.0 wrote the same
// weights.bin); their float sums differ slightly, so a seed reproduces the shipped model on the backend
// the report names.
const backend = await selectBackend(values.backend as BackendPreference);
log(`TF.js backend ${backend}`);
const result = await runTraining({
  seed,
  backend,
  haptDir: values.hapt,
  folds,
  smoothingS: smoothing,
  validationWorkers,
  simulation: {
    workers,
    seconds,
    ...(values['height-oracle'] && { heightOracle: true }),
  },
  config: {
    hidden,
    members,
    l2,
    epochs,
    rowsPerEpoch: draws,
    batchSize: batch,
    learningRate: 3e-3,
    stride: 2,
    sourceShare: { hapt: haptShare, simulated: 1 - haptShare },
  },
  log,
});
const metadata = await writeArtifacts(result, values.out, values.version, smoothing);
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
