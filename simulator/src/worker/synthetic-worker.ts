import { multiply, type Quat, RAD_TO_DEG, STANDARD_GRAVITY } from '@haltung/kinematics';
import type { Placement } from '@haltung/protocol';
import { baseOf, planStep } from '../activities/plan.js';
import type { PlanContext, Segment } from '../activities/segment.js';
import { planTransition } from '../activities/transition.js';
import { drawBodyProfile } from '../body/body-profile.js';
import { type Base, neutralPose, type Pose, SEGMENT, zeroPose } from '../body/pose.js';
import { upX, upY, upZ } from '../body/quat-buffer.js';
import { BodyKinematics, NOMINAL_MOUNT, type RootState, SEGMENT_SLOT } from '../body/skeleton.js';
import { Rng } from '../random/rng.js';
import { ImuErrorModel } from '../sensors/imu-error-model.js';
import { createTaskScript, type TaskScript } from '../tasks/task-script.js';
import {
  ACTIVITIES,
  type Activity,
  type BodyProfile,
  type SensorBlock,
  type SyntheticWorker,
  type WorkerBlock,
  type WorkerOptions,
} from '../types.js';
import { postureOf } from './posture-of.js';
import { angularRate, EMPTY_TRUTH, NO_TRANSITION, newTruth, type Slot, writeTruth } from './slot.js';

export { NO_TRANSITION } from './slot.js';

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
  private readonly body: BodyKinematics;
  private segment: Segment;
  private pending: Segment | null = null;
  private tauS = 0;
  private readonly rate = new Float64Array(3);
  private prev: Slot;
  private cur: Slot;
  private nxt: Slot;

  constructor(readonly options: Readonly<WorkerOptions>) {
    const rng = new Rng(options.seed);
    this.id = options.id ?? `w${options.seed >>> 0}`;
    this.profile = drawBodyProfile(rng, options.body);
    this.dtS = 1 / options.sampleRateHz;
    this.body = new BodyKinematics(this.profile);
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
    // How this person's pelvis sits and walks, from a stream of its own, so every other draw stays
    // as it was. Real waists (UCI HAPT, 39 recordings, unsigned from the walking tilt): standing
    // 2.6° / 4.7° / 9.2° (p10 / median / p90), sitting 11.9° / 24.2° / 37.1°. The seated pelvis
    // rolls back 8–36° from standing, the upper trunk slumps by as much to stay upright.
    const pelvisRng = rng.fork();
    const gaitPelvisTiltDeg = pelvisRng.uniform(-2, 8);
    const seatRecline = pelvisRng.uniform(-8, 20);
    neutral.sitting.pelvisPitchDeg -= seatRecline;
    neutral.sitting.trunkFlexDeg += seatRecline;
    this.ctx = { rng: motionRng, profile: this.profile, neutral, gaitPelvisTiltDeg };
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
    const n = options.placements.length;
    const newSlot = (): Slot => ({ ...EMPTY_TRUTH, q: new Float64Array(4 * n), p: new Float64Array(3 * n) });
    this.prev = newSlot();
    this.cur = newSlot();
    this.nxt = newSlot();
    // Before the first sample the body is where it starts (at rest).
    this.fill(this.prev, false);
    this.fill(this.cur, false);
    this.advance(this.nxt);
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
      const b = {
        acc: new Float32Array(count * 3),
        gyro: new Float32Array(count * 3),
        heightM: new Float32Array(count),
      };
      sensors[p] = b;
      return b;
    });
    const truth = newTruth(count);
    const tMs = new Float64Array(count);
    const dt = this.dtS;
    const inv = 1 / (dt * dt);
    const n = placements.length;
    for (let i = 0; i < count; i++) {
      const { prev, cur, nxt } = this;
      tMs[i] = (this.index * 1000) / this.options.sampleRateHz;
      for (let k = 0; k < n; k++) {
        const p = 3 * k;
        // Linear acceleration by central difference of the sensor site; specific force = a − g
        // (gravity is −g on z), turned into the sensor frame by the inverse orientation.
        const ax = ((nxt.p[p] as number) - 2 * (cur.p[p] as number) + (prev.p[p] as number)) * inv;
        const ay =
          ((nxt.p[p + 1] as number) - 2 * (cur.p[p + 1] as number) + (prev.p[p + 1] as number)) * inv;
        const az =
          ((nxt.p[p + 2] as number) - 2 * (cur.p[p + 2] as number) + (prev.p[p + 2] as number)) * inv +
          STANDARD_GRAVITY;
        const o = 4 * k;
        const w = cur.q[o] as number;
        const x = cur.q[o + 1] as number;
        const y = cur.q[o + 2] as number;
        const z = cur.q[o + 3] as number;
        // rotateInverse: v' = v + 2w(v×u) + 2u×(u×v) with the conjugate's vector part −u.
        const tx = 2 * (z * ay - y * az);
        const ty = 2 * (x * az - z * ax);
        const tz = 2 * (y * ax - x * ay);
        const fx = ax + w * tx - (y * tz - z * ty);
        const fy = ay + w * ty - (z * tx - x * tz);
        const fz = az + w * tz - (x * ty - y * tx);
        // Body-frame rate turning prev into nxt over two steps: what a gyroscope reports at cur.
        const gw = angularRate(prev.q, nxt.q, o, 2 * dt, this.rate);
        const b = blocks[k] as SensorBlock & { heightM: Float32Array };
        b.heightM[i] = cur.p[p + 2] as number;
        const r = this.rate;
        (this.errors[k] as ImuErrorModel).measure(
          fx,
          fy,
          fz,
          r[0] as number,
          r[1] as number,
          r[2] as number,
          gw,
          b.acc,
          b.gyro,
          i,
        );
      }
      writeTruth(truth, i, cur);
      this.index++;
      this.prev = cur;
      this.cur = nxt;
      this.nxt = prev;
      this.advance(prev);
    }
    return { count, sampleRateHz: this.options.sampleRateHz, tMs, sensors, truth };
  }

  /** Moves the body one sample on and writes its state into `slot`. */
  private advance(slot: Slot): void {
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
    this.fill(slot, lift);
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

  private fill(slot: Slot, lift: boolean): void {
    const pose = this.pose;
    const body = this.body;
    body.update(pose, this.root);
    const placements = this.options.placements;
    for (let k = 0; k < placements.length; k++) {
      const pl = placements[k] as Placement;
      body.sensorOrientation(pl, this.mounts[k] as Quat, slot.q, 4 * k);
      body.site(pl, slot.p, 3 * k);
    }
    // Truth in the trunk's own sagittal plane (the direction the chest faces).
    const seg = body.segments;
    const T = SEGMENT_SLOT.trunk;
    const chest = (this.root.headingDeg + pose.pelvisYawDeg + pose.trunkTwistDeg) / RAD_TO_DEG;
    const c = Math.cos(chest);
    const sn = Math.sin(chest);
    const tx = upX(seg, T);
    const ty = upY(seg, T);
    const fwd = tx * c + ty * sn;
    const left = -tx * sn + ty * c;
    const tz = upZ(seg, T);
    slot.flex = Math.atan2(fwd, tz) * RAD_TO_DEG;
    slot.side = Math.asin(clamp1(left)) * RAD_TO_DEG;
    slot.incl = Math.acos(clamp1(tz)) * RAD_TO_DEG;
    const P = SEGMENT_SLOT.pelvis;
    const hips = (this.root.headingDeg + pose.pelvisYawDeg) / RAD_TO_DEG;
    const pf = upX(seg, P) * Math.cos(hips) + upY(seg, P) * Math.sin(hips);
    slot.pelvisFlex = Math.atan2(pf, upZ(seg, P)) * RAD_TO_DEG;
    slot.hipDrop = pose.hipHeightM - SEGMENT.hipHeight * this.profile.heightM;
    slot.armL = Math.acos(clamp1(upZ(seg, SEGMENT_SLOT.armLeft))) * RAD_TO_DEG;
    slot.armR = Math.acos(clamp1(upZ(seg, SEGMENT_SLOT.armRight))) * RAD_TO_DEG;
    const { left: hasL, right: hasR } = this.armPlacements;
    slot.arm = hasL && !hasR ? slot.armL : hasR && !hasL ? slot.armR : Math.max(slot.armL, slot.armR);
    slot.twist = pose.trunkTwistDeg;
    const s = this.segment;
    const tr = s.transition;
    slot.activity = ACTIVITY_INDEX[s.activity];
    slot.posture = postureOf(
      s.activity,
      slot.flex,
      slot.arm,
      tr ? tr.from : null,
      tr ? tr.to : null,
      this.tauS / s.durationS,
    );
    slot.lift = lift ? 1 : 0;
    slot.trFrom = tr ? ACTIVITY_INDEX[tr.from] : NO_TRANSITION;
    slot.trTo = tr ? ACTIVITY_INDEX[tr.to] : NO_TRANSITION;
  }
}

const clamp1 = (v: number) => Math.max(-1, Math.min(1, v));
