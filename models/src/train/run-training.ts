import { POSTURE_CLASSES, type PostureClass, type StrainLevel } from '@haltung/protocol';
import type { LabelledWindows } from '../data/labelled-streams.js';
import { loadHaptWindows } from '../data/labelled-streams.js';
import { type SimulationPlan, simulatedWindows } from '../data/simulated-streams.js';
import { LOW_WORK_MERGE, scoreMerged } from '../eval/merged-scores.js';
import { type ClassifierScores, scoreClassifier } from '../eval/score-predictions.js';
import { isPostureClass, type MappedLabel } from '../labels/label-map.js';
import { OBSERVABLE_CLASSES } from '../labels/observable-classes.js';
import { meanAbsoluteError, scoreClassification } from '../metrics/classification-metrics.js';
import { StrainTracker } from '../strain/strain-tracker.js';
import { classifyWindows, type TrainConfig, type TrainedPosture, trainPosture } from './train-posture.js';

/** HAPT's four classes, over which the real-data targets are stated. */
export const HAPT_CLASSES: readonly PostureClass[] = ['standing', 'walking', 'sitting', 'lying'];

export interface TrainingOptions {
  seed: number;
  haptDir: string;
  /** Leave-subjects-out folds over the HAPT subjects. */
  folds: number;
  /** Time constant of the causal probability smoothing the runtime applies, s (0 = none). */
  smoothingS: number;
  simulation: Omit<SimulationPlan, 'seed' | 'only'>;
  config: Omit<TrainConfig, 'seed' | 'classes'>;
  log: (line: string) => void;
}

/** A window's truth and prediction, for scoring. */
interface Scored {
  subject: string;
  label: MappedLabel;
  predicted: PostureClass;
  /** The raw (unsmoothed) prediction. */
  raw: PostureClass;
  baseline?: PostureClass;
}

/** Simulated workers held out of training: each body type and each task once per 25 workers. */
export const isSimulatedTestWorker = (i: number) => ((i % 5) + Math.floor(i / 5)) % 5 === 0;

/** Everything a training run measured, written as report.json and summarised in MODEL_CARD.md. */
export interface TrainingResult {
  trained: TrainedPosture;
  classes: readonly PostureClass[];
  config: TrainConfig;
  report: {
    seed: number;
    durationS: number;
    data: Record<string, unknown>;
    haptCrossValidation: {
      folds: string[][];
      classes: readonly string[];
      model: ClassifierScores;
      modelUnsmoothed: ClassifierScores;
      baseline: ClassifierScores;
    };
    simulatedHeldOut: {
      workers: number[];
      body: ClassifierScores;
      bodyUnsmoothed: ClassifierScores;
      /** The same held-out workers doing the simulator's named tasks as whole shifts. */
      namedTasks: ClassifierScores;
      /** `body` with stooping and squatting_kneeling scored as one class (see LOW_WORK_MERGE). */
      bodyLowWorkMerged: ClassifierScores;
      arm: ClassifierScores;
      /** Confusion matrix per placement (rows true, columns predicted, over that sensor's classes). */
      confusionByPlacement: Record<string, number[][]>;
      macroF1ByBodyType: Record<string, number>;
      macroF1ByPlacement: Record<string, number>;
      flexionMaeDeg: Record<string, number>;
      strain: { agreement: number; confusion: number[][]; levels: readonly StrainLevel[] };
    };
  };
}

export async function runTraining(options: TrainingOptions): Promise<TrainingResult> {
  const started = Date.now();
  const log = options.log;
  const classes = POSTURE_CLASSES;
  const config: TrainConfig = { ...options.config, seed: options.seed, classes };

  log(`Reading UCI HAPT from ${options.haptDir} …`);
  const hapt = await loadHaptWindows(options.haptDir, (d, n) => {
    if (d % 10 === 0 || d === n) log(`  HAPT files ${d}/${n}`);
  });
  log(`Simulating ${options.simulation.workers} workers × ${options.simulation.seconds} s …`);
  const sim = simulatedWindows({ ...options.simulation, seed: options.seed }, (d, n) => {
    if (d % 10 === 0 || d === n) log(`  workers ${d}/${n}`);
  });
  const simIndex = (s: LabelledWindows) => Number(s.person.slice(4));
  const simTrain = sim.filter((s) => !isSimulatedTestWorker(simIndex(s)));
  const simTest = sim.filter((s) => isSimulatedTestWorker(simIndex(s)));
  const testWorkers = [...new Set(simTest.map(simIndex))];

  // Leave-subjects-out cross-validation on HAPT: subjects dealt round-robin into folds.
  const subjects = [...new Set(hapt.map((s) => s.person))].sort(
    (a, b) => Number(a.slice(5)) - Number(b.slice(5)),
  );
  const folds = Array.from({ length: options.folds }, (_, f) =>
    subjects.filter((_, i) => i % options.folds === f),
  );
  const cvRows: Scored[] = [];
  for (const [f, held] of folds.entries()) {
    const t0 = Date.now();
    const train = [...simTrain, ...hapt.filter((s) => !held.includes(s.person))];
    const trained = await trainPosture(train, { ...config, seed: options.seed + f + 1 });
    for (const stream of hapt.filter((s) => held.includes(s.person))) {
      const { classes: predicted } = classifyWindows(trained, stream, classes, options.smoothingS);
      const { classes: raw } = classifyWindows(trained, stream, classes);
      predicted.forEach((p, k) => {
        cvRows.push({
          subject: stream.person,
          label: stream.windows.label[k] as MappedLabel,
          predicted: p,
          raw: raw[k] as PostureClass,
          ...(stream.baseline && { baseline: stream.baseline[k] as PostureClass }),
        });
      });
    }
    trained.model.dispose();
    const fold = scoreClassifier(
      cvRows.filter((r) => held.includes(r.subject)),
      (r) => r.predicted,
      HAPT_CLASSES,
    );
    log(
      `  fold ${f + 1}/${options.folds} (${held.join(', ')}): macro-F1 ${fold.macroF1.toFixed(3)} ` +
        `in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  }

  log('Training the shipped model on all HAPT subjects and the simulated training workers …');
  const trained = await trainPosture([...simTrain, ...hapt], config, (epoch, loss) => {
    if (epoch % 5 === 0 || epoch === config.epochs)
      log(`  epoch ${epoch}/${config.epochs} loss ${loss.toFixed(4)}`);
  });

  const simRows: Array<Scored & { placement: string; bodyType: string }> = [];
  const flex: Record<string, [number[], number[]]> = {};
  const strainTruth: StrainLevel[] = [];
  const strainPred: StrainLevel[] = [];
  for (const stream of simTest) {
    const { classes: predicted } = classifyWindows(trained, stream, classes, options.smoothingS);
    const { classes: raw } = classifyWindows(trained, stream, classes);
    const w = stream.windows;
    const isArm = stream.placement.startsWith('upper_arm');
    const truthTracker = new StrainTracker(0.4);
    const predTracker = new StrainTracker(0.4);
    let lastTruth: PostureClass = 'standing';
    predicted.forEach((p, k) => {
      const label = w.label[k] as MappedLabel;
      simRows.push({
        subject: stream.person,
        label,
        predicted: p,
        raw: raw[k] as PostureClass,
        placement: stream.placement,
        bodyType: stream.bodyType ?? '',
      });
      flex[stream.placement] ??= [[], []];
      const pair = flex[stream.placement] as [number[], number[]];
      // Lying is left out: its flexion sign depends on which way the wearer lay, the inclination is right.
      if (isPostureClass(label) && label !== 'lying') {
        pair[0].push(w.trunkFlexionDeg[k] as number);
        pair[1].push(w.series.trueFlexionDeg?.[k] as number);
      }
      if (isArm) return;
      if (isPostureClass(label)) lastTruth = label;
      const tEndMs = w.tEndMs[k] as number;
      strainTruth.push(
        truthTracker.push({
          tEndMs,
          posture: lastTruth,
          trunkFlexionDeg: w.series.trueFlexionDeg?.[k] as number,
        }).level,
      );
      strainPred.push(
        predTracker.push({ tEndMs, posture: p, trunkFlexionDeg: w.trunkFlexionDeg[k] as number }).level,
      );
    });
  }
  const bodyRows = simRows.filter((r) => !r.placement.startsWith('upper_arm'));
  const body = scoreClassifier(bodyRows, (r) => r.predicted, OBSERVABLE_CLASSES.body);
  const arm = scoreClassifier(
    simRows.filter((r) => r.placement.startsWith('upper_arm')),
    (r) => r.predicted,
    OBSERVABLE_CLASSES.arm,
  );
  const confusionByPlacement = Object.fromEntries(
    [...new Set(simRows.map((r) => r.placement))].sort().map((p) => {
      const mine = simRows.filter((r) => r.placement === p);
      const scored = p.startsWith('upper_arm') ? OBSERVABLE_CLASSES.arm : OBSERVABLE_CLASSES.body;
      return [p, scoreClassifier(mine, (r) => r.predicted, scored).confusion];
    }),
  );
  const groupF1 = (key: 'bodyType' | 'placement', from: typeof simRows) =>
    Object.fromEntries(
      [...new Set(from.map((r) => r[key]))].sort().map((g) => {
        const mine = from.filter((r) => r[key] === g);
        const arms = mine.every((r) => r.placement.startsWith('upper_arm'));
        const scored = arms ? OBSERVABLE_CLASSES.arm : OBSERVABLE_CLASSES.body;
        return [g, scoreClassifier(mine, (r) => r.predicted, scored).macroF1];
      }),
    );
  log("Scoring the simulator's named tasks (whole shifts) on the held-out workers …");
  const named = simulatedWindows({
    ...options.simulation,
    seed: options.seed,
    tasks: 'named',
    only: testWorkers,
  });
  const namedRows: Scored[] = [];
  for (const stream of named.filter((s) => !s.placement.startsWith('upper_arm'))) {
    const { classes: predicted } = classifyWindows(trained, stream, classes, options.smoothingS);
    predicted.forEach((p, k) => {
      namedRows.push({
        subject: stream.person,
        label: stream.windows.label[k] as MappedLabel,
        predicted: p,
        raw: p,
      });
    });
  }
  const namedTasks = scoreClassifier(namedRows, (r) => r.predicted, OBSERVABLE_CLASSES.body);
  const levels: readonly StrainLevel[] = ['low', 'elevated', 'high'];
  const strainScore = scoreClassification(strainTruth, strainPred, levels);
  const cv = {
    folds,
    classes: HAPT_CLASSES,
    model: scoreClassifier(cvRows, (r) => r.predicted, HAPT_CLASSES),
    modelUnsmoothed: scoreClassifier(cvRows, (r) => r.raw, HAPT_CLASSES),
    baseline: scoreClassifier(cvRows, (r) => r.baseline ?? 'standing', HAPT_CLASSES),
  };
  return {
    trained,
    classes,
    config,
    report: {
      seed: options.seed,
      durationS: Math.round((Date.now() - started) / 1000),
      data: {
        hapt: {
          dir: 'shared/data/uci-hapt (read at run time, not copied)',
          subjects: subjects.length,
          recordings: hapt.length,
          windows: hapt.reduce((n, s) => n + s.windows.count, 0),
        },
        simulated: {
          ...options.simulation,
          seed: options.seed,
          trainWorkers: [...new Set(simTrain.map(simIndex))].length,
          testWorkers: [...new Set(simTest.map(simIndex))].length,
          streams: sim.length,
          windows: sim.reduce((n, s) => n + s.windows.count, 0),
        },
        trainingRows: trained.rows,
      },
      haptCrossValidation: cv,
      simulatedHeldOut: {
        workers: testWorkers,
        body,
        bodyUnsmoothed: scoreClassifier(bodyRows, (r) => r.raw, OBSERVABLE_CLASSES.body),
        namedTasks,
        bodyLowWorkMerged: scoreMerged(bodyRows, (r) => r.predicted, OBSERVABLE_CLASSES.body, LOW_WORK_MERGE),
        arm,
        confusionByPlacement,
        macroF1ByBodyType: groupF1('bodyType', bodyRows),
        macroF1ByPlacement: groupF1('placement', simRows),
        flexionMaeDeg: Object.fromEntries(
          Object.entries(flex).map(([placement, [est, truth]]) => [placement, meanAbsoluteError(est, truth)]),
        ),
        strain: { agreement: strainScore.accuracy, confusion: strainScore.confusion, levels },
      },
    },
  };
}
