import type { Placement, PostureClass } from '@haltung/protocol';

/**
 * What a synthetic worker is doing. Finer than the model's posture classes: the simulator knows
 * e.g. stoop lift vs squat lift, and maps each activity to the posture class the model should
 * report (see `ACTIVITY_POSTURE`).
 */
export const ACTIVITIES = [
  'standing',
  'walking',
  'carrying',
  'sitting',
  'lying',
  'stoop_bend',
  'squatting',
  'kneeling',
  'trunk_twist',
  'side_bend',
  'overhead_work',
  'stoop_lift',
  'squat_lift',
  'transition',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Simulated body type, used for per-body-type accuracy reporting (non-discrimination). */
export const BODY_TYPES = ['short', 'average', 'tall', 'heavy', 'older'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** A person's build and movement style; drawn per worker from the seed, overridable. */
export interface BodyProfile {
  bodyType: BodyType;
  heightM: number;
  /** Walking cadence, steps per second. */
  cadenceHz: number;
  /** Multiplies the speed of every movement (bending, lifting, transitions). */
  speedFactor: number;
  /** Multiplies the range of motion (how deep this person bends for the same task). */
  rangeFactor: number;
  /** Share of lifts this person does stooped rather than squatted, 0..1. */
  stoopLiftShare: number;
}

/** Per-sample ground truth, struct-of-arrays. Angles in degrees; index arrays point into the lists. */
export interface TruthBlock {
  /** Index into ACTIVITIES. */
  activity: Uint8Array;
  /** Index into POSTURE_CLASSES (from @haltung/protocol). */
  posture: Uint8Array;
  /**
   * Forward trunk flexion: inclination of the upper trunk (lumbosacral joint → upper back) from
   * the vertical, in the trunk's own sagittal plane, degrees (negative = extension; lying supine ≈ −90).
   * This is what a trunk IMU sees against gravity (ISO 11226 "trunk inclination").
   */
  trunkFlexionDeg: Float32Array;
  /** Unsigned angle of the trunk's long axis from the vertical, degrees (0 upright, ~90 lying). */
  trunkInclinationDeg: Float32Array;
  /** Forward tilt of the pelvis (belt) from upright, in its sagittal plane, degrees. */
  pelvisFlexionDeg: Float32Array;
  /** Height of the hips above their height standing upright, m (negative when sitting, squatting, lying). */
  hipHeightChangeM: Float32Array;
  /** Lateral trunk bend, degrees (positive = to the left). */
  trunkSideBendDeg: Float32Array;
  /** Axial trunk twist relative to the pelvis, degrees (positive = to the left). */
  trunkTwistDeg: Float32Array;
  /**
   * Elevation of the upper arm from hanging down, against gravity, degrees (0 = arm down, 90 =
   * horizontal, 180 = straight up): the higher of the instrumented arms, or of both when no arm
   * sensor is worn.
   */
  armElevationDeg: Float32Array;
  armElevationLeftDeg: Float32Array;
  armElevationRightDeg: Float32Array;
  /** 1 on the sample where a lift starts (the load leaves the ground), else 0. */
  liftOnset: Uint8Array;
  /** During `transition`: index into ACTIVITIES of the base posture left / reached; else 255. */
  transitionFrom: Uint8Array;
  transitionTo: Uint8Array;
}

/** What the IMU at one placement measures, in its own (misaligned) sensor frame. */
export interface SensorBlock {
  /** count × 3 interleaved x,y,z, m/s², gravity included (specific force), after noise and saturation. */
  acc: Float32Array;
  /** count × 3 interleaved x,y,z, rad/s (the simulated IMU always has a gyroscope). */
  gyro: Float32Array;
  /** Ground truth of a synthetic worker: the sensor's height above the floor, m (for diagnosis). */
  heightM?: Float32Array;
}

/** A block of consecutive samples from one worker, for every placement the worker wears. */
export interface WorkerBlock {
  count: number;
  sampleRateHz: number;
  /** Sample times, ms since the worker's start. */
  tMs: Float64Array;
  sensors: Partial<Record<Placement, SensorBlock>>;
  truth: TruthBlock;
}

/** One step of a task script: an activity held (or repeated) for a duration. */
export interface TaskStep {
  activity: Activity;
  /** Mean duration in seconds; the worker varies it. */
  durationS: number;
  /** Activity-specific parameters, e.g. { depthDeg: 70 } for stoop_bend. */
  params?: Record<string, number>;
}

export const TASK_NAMES = [
  'warehouse_picking',
  'overhead_assembly',
  'rebar_tying',
  'office',
  'mixed',
] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export interface WorkerOptions {
  /** Same seed, same options → identical samples and truth. */
  seed: number;
  /** 20–200 Hz. */
  sampleRateHz: number;
  placements: readonly Placement[];
  /** A named task (composed into a shift) or an explicit script, repeated as needed. */
  task: TaskName | readonly TaskStep[];
  body?: Partial<BodyProfile>;
  /** Turn off noise, bias, drift and misalignment (used to test the physics exactly). */
  idealSensors?: boolean;
  /** Worker id, used as subject/device id by the file and fleet helpers (default `w<seed>`). */
  id?: string;
}

export interface SyntheticWorker {
  readonly profile: BodyProfile;
  readonly options: Readonly<WorkerOptions>;
  readonly id: string;
  /** Samples generated so far. */
  readonly sampleIndex: number;
  /** Generates the next `count` samples; successive calls continue seamlessly. */
  next(count: number): WorkerBlock;
}

export type { Placement, PostureClass };
