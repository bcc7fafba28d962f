import {
  isArmPlacement,
  LiftDetector,
  type PostureSample,
  PostureTracker,
  WindowContext,
  Windower,
  type WindowerOptions,
} from '@haltung/kinematics';
import type { Placement } from '@haltung/protocol';
import { FrameGuard, type FrameGuardOptions } from '../ingest/frame-guard.js';

/**
 * One sensor of one device: its frame checks, posture tracker (resampler, filter, upright
 * reference), feature windows and, for trunk and pelvis sensors, the lift detector. All of it has
 * bounded memory (fixed rings and one window).
 */
export class SensorStream {
  readonly guard: FrameGuard;
  readonly tracker: PostureTracker;
  readonly windower: Windower<PostureSample>;
  /** The last 10 s of windows, which the posture model reads beside each new one. */
  readonly context = new WindowContext();
  readonly lifts: LiftDetector | null;
  readonly isArm: boolean;
  /** The tracker's segment of the last sample (a change means the stream broke). */
  segment = Number.NaN;
  /** The segment of the last window handed to the classifier. */
  windowSegment = Number.NaN;
  /** Calibrations of this stream's reference already reported to the wearer. */
  calibrationsReported = 0;

  constructor(
    readonly placement: Placement,
    guard: FrameGuardOptions,
    window: WindowerOptions,
  ) {
    this.guard = new FrameGuard(guard);
    this.windower = new Windower<PostureSample>(window);
    this.tracker = new PostureTracker({ placement });
    this.isArm = isArmPlacement(placement);
    // A belt sensor moves less with the trunk than an upper-back one: the detector has its own thresholds.
    this.lifts = this.isArm
      ? null
      : new LiftDetector({ placement: placement === 'pelvis' ? 'pelvis' : 'trunk' });
  }

  /** The wearable's clock restarted: forget the stream (the learned reference is the wearer's and stays). */
  restart(): void {
    this.tracker.resampler.reset();
    this.windower.reset();
    this.context.reset();
    this.lifts?.reset();
  }
}

/** Which sensor counts observed time and posture classes: trunk first, then pelvis, then an arm. */
export const PLACEMENT_PRIORITY: readonly Placement[] = [
  'trunk',
  'pelvis',
  'upper_arm_right',
  'upper_arm_left',
];
