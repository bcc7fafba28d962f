import {
  angularVelocity,
  multiply,
  type Quat,
  RAD_TO_DEG,
  rotateInverse,
  STANDARD_GRAVITY,
  type Vec3,
} from '@haltung/kinematics';
import type { Placement } from '@haltung/protocol';
import { baseOf, planStep } from '../activities/plan.js';
import type { PlanContext, Segment } from '../activities/segment.js';
import { planTransition } from '../activities/transition.js';
import { drawBodyProfile } from '../body/body-profile.js';
import { type Base, neutralPose, type Pose, zeroPose } from '../body/pose.js';
import {
  forwardKinematics,
  NOMINAL_MOUNT,
  type RootState,
  segmentOf,
  sitePosition,
  upAxis,
} from '../body/skeleton.js';
import { Rng } from '../random/rng.js';
import { ImuErrorModel } from '../sensors/imu-error-model.js';
import { createTaskScript, type TaskScript } from '../tasks/task-script.js';
import {
  ACTIVITIES,
  type Activity,
  type BodyProfile,
  type SensorBlock,
  type SyntheticWorker,
  type TruthBlock,
  type WorkerBlock,
  type WorkerOptions,
} from '../types.js';
import { postureOf } from './posture-of.js';

/** Value of TruthBlock.transitionFrom/To outside transitions. */
export const NO_TRANSITION = 255;

/** The body at one sample instant, with its ground truth. */
interface Slot {
  q: Quat[];
  p: Vec3[];
  activity: number;
  posture: number;
  flex: number;
  incl: number;
  side: number;
  twist: number;
  pelvisFlex: number;
  armL: number;
  armR: number;
  arm: number;
  lift: number;
  trFrom: number;
  trTo: number;
}

const ACTIVITY_INDEX = Object.fromEntries(ACTIVITIES.map((a, i) => [a, i])) as Record<Activity, number>;
const BASES: readonly Base[] = ['standing', 'sitting', 'lying', 'squatting', 'kneeling'];

/**
 * Creates a synthetic worker: a body model driven by a task script, measured by IMUs at the
 * requested placements. Deterministic for a given seed and options.
 */
export function createSyntheticWorker(options: WorkerOptions): SyntheticWorker {
  if (!(options.sampleRateHz >= 20 && options.sampleRateHz <= 200)) {
    throw new Error(`synthetic worker: sampleRateHz ${options.sampleRateHz} is not in 20..200`);
  }
  if (options.placements.length === 0) throw new Error('synthetic worker: no placements');
  return new Worker(options);
}

class Worker implements SyntheticWorker {
  readonly profile: BodyProfile;
  readonly id: string;
  private index = 0;
  private readonly dtS: number;
  private readonly ctx: PlanContext;
  private readonly script: TaskScript;
  private readonly mounts: Quat[];
  private readonly errors: ImuErrorModel[];
  private readonly armPlacements: { left: boolean; right: boolean };
  private readonly root: RootState;
  private readonly pose: Pose = zeroPose();
  private segment: Segment;
  private pending: Segment | null = null;
  private tauS = 0;
  private prev: Slot;
  private cur: Slot;
  private nxt: Slot;

  constructor(readonly options: Readonly<WorkerOptions>) {
    const rng = new Rng(options.seed);
    this.id = options.id ?? `w${options.seed >>> 0}`;
    this.profile = drawBodyProfile(rng, options.body);
    this.dtS = 1 / options.sampleRateHz;
    // Separate streams: the motion must not change when the sensor set changes.
    const motionRng = rng.fork();
    const sensorRng = rng.fork();
    const neutral = {} as Record<Base, Pose>;
    const habitTrunk = motionRng.normal(0, 2.5);
    const habitPelvis = motionRng.normal(0, 3);
    for (const b of BASES) {
      const n = neutralPose(b, this.profile, zeroPose());
      n.trunkFlexDeg += habitTrunk;
      n.pelvisPitchDeg += habitPelvis;
      neutral[b] = n;
    }
    this.ctx = { rng: motionRng, profile: this.profile, neutral };
    this.script = createTaskScript(options.task, motionRng.fork(), this.profile);
    this.errors = options.placements.map(
      (p) => new ImuErrorModel(sensorRng.fork(), p, options.sampleRateHz, options.idealSensors === true),
    );
    this.mounts = options.placements.map((p, k) =>
      multiply(NOMINAL_MOUNT[p], (this.errors[k] as ImuErrorModel).misalignment),
    );
    this.armPlacements = {
      left: options.placements.includes('upper_arm_left'),
      right: options.placements.includes('upper_arm_right'),
    };
    this.root = { xM: 0, yM: 0, headingDeg: motionRng.uniform(-180, 180) };
    this.segment = this.nextSegment('standing');
    this.segment.pose(0, this.pose);
    this.cur = this.slot(false);
    this.prev = this.cur;
    this.nxt = this.advance();
  }

  get sampleIndex(): number {
    return this.index;
  }

  next(count: number): WorkerBlock {
    if (!Number.isInteger(count) || count < 0)
      throw new Error(`next(${count}): count must be an integer ≥ 0`);
    const placements = this.options.placements;
    const sensors: Partial<Record<Placement, SensorBlock>> = {};
    const blocks = placements.map((p) => {
      const b = { acc: new Float32Array(count * 3), gyro: new Float32Array(count * 3) };
      sensors[p] = b;
      return b;
    });
    const truth = newTruth(count);
    const tMs = new Float64Array(count);
    const dt = this.dtS;
    const inv = 1 / (dt * dt);
    for (let i = 0; i < count; i++) {
      const { prev, cur, nxt } = this;
      tMs[i] = (this.index * 1000) / this.options.sampleRateHz;
      for (let k = 0; k < placements.length; k++) {
        const p0 = prev.p[k] as Vec3;
        const p1 = cur.p[k] as Vec3;
        const p2 = nxt.p[k] as Vec3;
        // Specific force = linear acceleration − gravity (gravity is −g on z), in the sensor frame.
        const f = rotateInverse(cur.q[k] as Quat, [
          (p2[0] - 2 * p1[0] + p0[0]) * inv,
          (p2[1] - 2 * p1[1] + p0[1]) * inv,
          (p2[2] - 2 * p1[2] + p0[2]) * inv + STANDARD_GRAVITY,
        ]);
        const w = angularVelocity(prev.q[k] as Quat, nxt.q[k] as Quat, 2 * dt);
        const b = blocks[k] as SensorBlock;
        (this.errors[k] as ImuErrorModel).measure(f[0], f[1], f[2], w[0], w[1], w[2], dt, b.acc, b.gyro, i);
      }
      writeTruth(truth, i, cur);
      this.index++;
      this.prev = cur;
      this.cur = nxt;
      this.nxt = this.advance();
    }
    return { count, sampleRateHz: this.options.sampleRateHz, tMs, sensors, truth };
  }

  /** Moves the body one sample on and returns its state. */
  private advance(): Slot {
    this.tauS += this.dtS;
    let lift = false;
    const onset = this.segment.liftOnsetS;
    if (onset !== undefined && this.tauS >= onset && this.tauS - this.dtS < onset) lift = true;
    while (this.tauS >= this.segment.durationS) {
      this.tauS -= this.segment.durationS;
      this.segment = this.nextSegment(this.segment.base);
      const o = this.segment.liftOnsetS;
      if (o !== undefined && this.tauS >= o && this.tauS - this.dtS < o) lift = true;
    }
    this.segment.pose(this.tauS, this.pose);
    const r = this.root;
    r.headingDeg += this.pose.turnDps * this.dtS;
    const hRad = r.headingDeg / RAD_TO_DEG;
    r.xM += this.pose.speedMps * Math.cos(hRad) * this.dtS;
    r.yM += this.pose.speedMps * Math.sin(hRad) * this.dtS;
    return this.slot(lift);
  }

  private nextSegment(base: Base): Segment {
    if (this.pending) {
      const s = this.pending;
      this.pending = null;
      return s;
    }
    const step = this.script.next();
    const seg = planStep(this.ctx, step);
    const to = baseOf(step.activity);
    if (to === base) return seg;
    this.pending = seg;
    return planTransition(this.ctx, base, to);
  }

  private slot(lift: boolean): Slot {
    const pose = this.pose;
    const body = forwardKinematics(pose, this.root, this.profile);
    const placements = this.options.placements;
    const q: Quat[] = new Array(placements.length);
    const p: Vec3[] = new Array(placements.length);
    for (let k = 0; k < placements.length; k++) {
      const pl = placements[k] as Placement;
      q[k] = multiply(segmentOf(body, pl), this.mounts[k] as Quat);
      p[k] = sitePosition(body, pl, this.profile);
    }
    // Truth in the trunk's own sagittal plane (the direction the chest faces).
    const chestDeg = this.root.headingDeg + pose.pelvisYawDeg + pose.trunkTwistDeg;
    const tUp = upAxis(body.trunk);
    const [fwd, left] = horizontal(tUp, chestDeg);
    const flex = Math.atan2(fwd, tUp[2]) * RAD_TO_DEG;
    const side = Math.asin(Math.max(-1, Math.min(1, left))) * RAD_TO_DEG;
    const incl = Math.acos(Math.max(-1, Math.min(1, tUp[2]))) * RAD_TO_DEG;
    const pUp = upAxis(body.pelvis);
    const pelvisFlex =
      Math.atan2(horizontal(pUp, this.root.headingDeg + pose.pelvisYawDeg)[0], pUp[2]) * RAD_TO_DEG;
    const armL = Math.acos(Math.max(-1, Math.min(1, upAxis(body.armLeft)[2]))) * RAD_TO_DEG;
    const armR = Math.acos(Math.max(-1, Math.min(1, upAxis(body.armRight)[2]))) * RAD_TO_DEG;
    const { left: hasL, right: hasR } = this.armPlacements;
    const arm = hasL && !hasR ? armL : hasR && !hasL ? armR : Math.max(armL, armR);
    const seg = this.segment;
    const tr = seg.transition;
    const transition = tr ? { from: tr.from, to: tr.to, progress: this.tauS / seg.durationS } : null;
    return {
      q,
      p,
      activity: ACTIVITY_INDEX[seg.activity],
      posture: postureOf(seg.activity, flex, arm, transition),
      flex,
      incl,
      side,
      twist: pose.trunkTwistDeg,
      pelvisFlex,
      armL,
      armR,
      arm,
      lift: lift ? 1 : 0,
      trFrom: tr ? ACTIVITY_INDEX[tr.from] : NO_TRANSITION,
      trTo: tr ? ACTIVITY_INDEX[tr.to] : NO_TRANSITION,
    };
  }
}

/** Components of `v` along the horizontal forward and left directions of `headingDeg`. */
function horizontal(v: Vec3, headingDeg: number): [number, number] {
  const h = headingDeg / RAD_TO_DEG;
  const c = Math.cos(h);
  const s = Math.sin(h);
  return [v[0] * c + v[1] * s, -v[0] * s + v[1] * c];
}

function newTruth(n: number): TruthBlock {
  const f = () => new Float32Array(n);
  return {
    activity: new Uint8Array(n),
    posture: new Uint8Array(n),
    trunkFlexionDeg: f(),
    trunkInclinationDeg: f(),
    pelvisFlexionDeg: f(),
    trunkSideBendDeg: f(),
    trunkTwistDeg: f(),
    armElevationDeg: f(),
    armElevationLeftDeg: f(),
    armElevationRightDeg: f(),
    liftOnset: new Uint8Array(n),
    transitionFrom: new Uint8Array(n),
    transitionTo: new Uint8Array(n),
  };
}

function writeTruth(t: TruthBlock, i: number, s: Slot): void {
  t.activity[i] = s.activity;
  t.posture[i] = s.posture;
  t.trunkFlexionDeg[i] = s.flex;
  t.trunkInclinationDeg[i] = s.incl;
  t.pelvisFlexionDeg[i] = s.pelvisFlex;
  t.trunkSideBendDeg[i] = s.side;
  t.trunkTwistDeg[i] = s.twist;
  t.armElevationDeg[i] = s.arm;
  t.armElevationLeftDeg[i] = s.armL;
  t.armElevationRightDeg[i] = s.armR;
  t.liftOnset[i] = s.lift;
  t.transitionFrom[i] = s.trFrom;
  t.transitionTo[i] = s.trTo;
}
