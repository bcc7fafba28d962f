/**
 * Where the shipped model goes wrong on held-out simulated workers, episode by episode:
 * `pnpm exec tsx models/src/cli/posture-diagnosis.ts [--ideal] [--model dir] [--worker 75] [--dump]`.
 * An episode is a run of windows with one true class; for each it prints the class, the activity
 * before it (how the wearer got there), the share of windows predicted wrong, and the window means
 * of hip_height_change_m, height_change_m, inclination, signed flexion and forward_ready, so errors
 * can be told apart as whole episodes (a wrong height for that sit-down) or flicker within one.
 * Last, the wrong windows by how far into their episode they are: early ones still see how the
 * wearer got there in their context (10 s back), later ones do not.
 */
import {
  extractFeatures,
  FEATURE_INDEX as F,
  MODEL_FEATURE_COUNT,
  type PostureSample,
  PostureTracker,
  type SensorPlacement,
  WindowContext,
  Windower,
} from '@haltung/kinematics';
import { POSTURE_CLASSES, type PostureClass } from '@haltung/protocol';
import { ACTIVITIES, NO_TRANSITION, type WorkerBlock } from '@haltung/simulator';
import { plannedWorker, workerSpec } from '../data/simulated-streams.js';
import { observableClass } from '../labels/observable-classes.js';
import { selectBackend } from '../runtime/backend.js';
import { loadPostureModel } from '../runtime/posture-model.js';
import { PostureSmoother } from '../runtime/posture-smoother.js';
import { isSimulatedTestWorker } from '../train/run-training.js';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ideal = args.includes('--ideal');
const onlyWorker = opt('--worker');
const seed = Number(opt('--seed') ?? 1);
const dump = args.includes('--dump');

await selectBackend('cpu');
const model = await loadPostureModel(opt('--model'), { backend: 'cpu' });
const classes = model.metadata.classes as PostureClass[];

interface Win {
  worker: number;
  placement: SensorPlacement;
  tEndS: number;
  label: string;
  activity: string;
  predicted: string;
  f: Float32Array;
  /** The model's input: `f` with its context. */
  m: Float32Array;
}

const all: Win[] = [];
const workers = onlyWorker
  ? [Number(onlyWorker)]
  : Array.from({ length: 200 }, (_, i) => i).filter(isSimulatedTestWorker);
for (const i of workers) {
  const spec = workerSpec(seed, i);
  const worker = plannedWorker(spec, ideal);
  const block: WorkerBlock = worker.next(240 * spec.sampleRateHz);
  for (const placement of spec.placements) {
    if (placement.startsWith('upper_arm')) continue;
    const tracker = new PostureTracker({ placement });
    const windower = new Windower<PostureSample>();
    const context = new WindowContext();
    const sensor = block.sensors[placement];
    if (!sensor) continue;
    const smoother = new PostureSmoother(classes, model.metadata.smoothingS);
    const mine: Win[] = [];
    for (let k = 0; k < block.count; k++) {
      const out = tracker.push({
        tMs: block.tMs[k] as number,
        acc: [sensor.acc[3 * k], sensor.acc[3 * k + 1], sensor.acc[3 * k + 2]] as [number, number, number],
        gyro: [sensor.gyro[3 * k], sensor.gyro[3 * k + 1], sensor.gyro[3 * k + 2]] as [
          number,
          number,
          number,
        ],
      });
      for (const s of out) {
        const w = windower.push(s);
        if (!w) continue;
        // Label as the training does: ≥ 80 % of the window's samples agree, else transition.
        const counts = new Map<string, number>();
        let lastActivity = '';
        for (const p of w) {
          const r = Math.min(block.count - 1, Math.floor((p.tMs * spec.sampleRateHz) / 1000 + 1e-6));
          const l =
            block.truth.transitionFrom[r] !== NO_TRANSITION
              ? 'transition'
              : observableClass(placement, POSTURE_CLASSES[block.truth.posture[r] as number] as PostureClass);
          counts.set(l, (counts.get(l) ?? 0) + 1);
          lastActivity = ACTIVITIES[block.truth.activity[r] as number] as string;
        }
        let label = 'transition';
        for (const [l, c] of counts) if (c >= 0.8 * w.length) label = l;
        const f = extractFeatures(w);
        mine.push({
          worker: i,
          placement,
          tEndS: (w.at(-1) as PostureSample).tMs / 1000,
          label,
          activity: lastActivity,
          predicted: '',
          f,
          m: context.extend(f, (w.at(-1) as PostureSample).tMs, (w.at(-1) as PostureSample).segment),
        });
      }
    }
    const x = new Float32Array(mine.length * MODEL_FEATURE_COUNT);
    mine.forEach((w, k) => {
      x.set(w.m, k * MODEL_FEATURE_COUNT);
    });
    const probs = model.predictProbabilities(x);
    mine.forEach((w, k) => {
      w.predicted = smoother.push(
        w.tEndS * 1000,
        probs.subarray(k * classes.length, (k + 1) * classes.length),
      ).class as string;
    });
    all.push(...mine);
  }
}

// Episodes: runs of windows with the same (worker, placement, label); transitions split them.
interface Episode {
  worker: number;
  placement: string;
  label: string;
  before: string;
  startS: number;
  endS: number;
  n: number;
  wrong: Map<string, number>;
  hip: number;
  height: number;
  incl: number;
  flex: number;
  forwardReady: number;
  sinceWalk: number;
}
const episodes: Episode[] = [];
// Windows and wrong ones by label and by age in the episode (early: < 8 s after its first window).
const byAge = new Map<string, [number, number]>();
let cur: Episode | null = null;
let prevKey = '';
// The last activity other than a transition, and the one before it changed to the current one.
let activity = '';
let before = '';
for (const w of all) {
  const key = `${w.worker} ${w.placement}`;
  if (key !== prevKey) {
    cur = null;
    activity = '';
    before = '';
    prevKey = key;
  }
  if (w.activity !== 'transition' && w.activity !== activity) {
    before = activity;
    activity = w.activity;
  }
  if (w.label === 'transition' || w.label === 'unknown') {
    cur = null;
    continue;
  }
  if (!cur || cur.label !== w.label || !cur.before.endsWith(`|${w.activity}`)) {
    cur = {
      worker: w.worker,
      placement: w.placement,
      label: w.label,
      before: `${before}|${w.activity}`,
      startS: w.tEndS,
      endS: w.tEndS,
      n: 0,
      wrong: new Map(),
      hip: 0,
      height: 0,
      incl: 0,
      flex: 0,
      forwardReady: 0,
      sinceWalk: 0,
    };
    episodes.push(cur);
  }
  cur.n++;
  cur.endS = w.tEndS;
  const ageKey = `${w.label} ${w.tEndS - cur.startS < 8 ? 'early' : 'late '}`;
  const ageCounts = byAge.get(ageKey) ?? [0, 0];
  ageCounts[0]++;
  if (w.predicted !== w.label) ageCounts[1]++;
  byAge.set(ageKey, ageCounts);
  if (w.predicted !== w.label) cur.wrong.set(w.predicted, (cur.wrong.get(w.predicted) ?? 0) + 1);
  cur.hip += w.f[F.hip_height_change_m] as number;
  cur.height += w.f[F.height_change_m] as number;
  cur.incl += w.f[F.incl_mean_deg] as number;
  cur.flex += w.f[F.flex_mean_deg] as number;
  cur.forwardReady += w.f[F.forward_ready] as number;
  cur.sinceWalk = Math.expm1(w.f[F.log_since_walk_s] as number);
}

const fmt = (v: number, d = 2) => v.toFixed(d).padStart(6);
const focus = (e: Episode) => dump || e.wrong.size > 0;
console.log(
  `${ideal ? 'ideal' : 'noisy'} IMUs, seed ${seed}, workers ${workers.join(',')}: ${all.length} windows`,
);
console.log(
  'worker placement label (before|activity) t0–t1 s: windows wrong{pred:n} hip height incl flex fwdReady sinceWalk',
);
for (const e of episodes) {
  if (!focus(e)) continue;
  const wrong = [...e.wrong].map(([k, v]) => `${k}:${v}`).join(',');
  console.log(
    `${String(e.worker).padStart(3)} ${e.placement.padEnd(6)} ${e.label.padEnd(18)} ${e.before.padEnd(28)} ` +
      `${e.startS.toFixed(0).padStart(4)}–${e.endS.toFixed(0).padEnd(4)} ${String(e.n).padStart(4)} ` +
      `${wrong.padEnd(30)} ${fmt(e.hip / e.n)} ${fmt(e.height / e.n)} ${fmt(e.incl / e.n, 1)} ${fmt(e.flex / e.n, 1)} ${fmt(e.forwardReady / e.n)} ${fmt(e.sinceWalk, 0)}`,
  );
}
// Summary per placement and label: windows, wrong, wrong in episodes that are ≥ 70 % wrong (whole).
console.log('\nplacement label: windows, wrong, of which in episodes ≥ 70 % wrong, episodes (wrong ≥ 70 %)');
const sum = new Map<string, [number, number, number, number, number]>();
for (const e of episodes) {
  const k = `${e.placement} ${e.label}`;
  const s = sum.get(k) ?? [0, 0, 0, 0, 0];
  const wrong = [...e.wrong.values()].reduce((a, b) => a + b, 0);
  s[0] += e.n;
  s[1] += wrong;
  if (wrong >= 0.7 * e.n) {
    s[2] += wrong;
    s[4]++;
  }
  s[3]++;
  sum.set(k, s);
}
for (const [k, s] of [...sum].sort())
  console.log(
    `  ${k.padEnd(28)} ${s[0]} windows, ${s[1]} wrong, ${s[2]} in whole-wrong episodes; ${s[3]} episodes (${s[4]})`,
  );
console.log("\nlabel age: windows, wrong (early: < 8 s into the episode, within the context's reach)");
for (const [k, c] of [...byAge].sort()) console.log(`  ${k.padEnd(26)} ${c[0]} windows, ${c[1]} wrong`);
model.dispose();
