import { POSTURE_CLASSES } from '@haltung/protocol';
import type { TruthBlock } from '../types.js';

/** A stretch of time, ms since the Unix epoch (simulated clock); `endMs` null while it lasts. */
export interface Interval {
  startMs: number;
  endMs: number | null;
}

/** Ground-truth hazard exposure of one device, for measuring warning latency. */
export interface HazardTimeline {
  /** Trunk flexion (forward, in the sagittal plane) above 20° / 60°. */
  trunkOver20: Interval[];
  trunkOver60: Interval[];
  /** Upper-arm elevation above 60° / 90° (not while lying). */
  armOver60: Interval[];
  armOver90: Interval[];
  /** Trunk twist or side bend beyond 20° either way. */
  trunkTwistOver20: Interval[];
  /** Times a lift started (the load left the ground). */
  liftOnsetsMs: number[];
}

export const HAZARD_MEASURES = [
  'trunkOver20',
  'trunkOver60',
  'armOver60',
  'armOver90',
  'trunkTwistOver20',
] as const;
export type HazardMeasure = (typeof HAZARD_MEASURES)[number];

const LYING = POSTURE_CLASSES.indexOf('lying');

/** Builds a device's hazard timeline from its truth blocks, in order. */
export class HazardTracker {
  readonly timeline: HazardTimeline = {
    trunkOver20: [],
    trunkOver60: [],
    armOver60: [],
    armOver90: [],
    trunkTwistOver20: [],
    liftOnsetsMs: [],
  };
  private readonly open: Record<HazardMeasure, Interval | null> = {
    trunkOver20: null,
    trunkOver60: null,
    armOver60: null,
    armOver90: null,
    trunkTwistOver20: null,
  };

  /** Adds `count` samples of truth, the first at `t0Ms`, spaced `1000 / sampleRateHz`. */
  push(truth: TruthBlock, count: number, t0Ms: number, sampleRateHz: number): void {
    const dtMs = 1000 / sampleRateHz;
    for (let i = 0; i < count; i++) {
      const t = t0Ms + i * dtMs;
      const flex = truth.trunkFlexionDeg[i] as number;
      const arm = truth.posture[i] === LYING ? 0 : (truth.armElevationDeg[i] as number);
      this.update('trunkOver20', flex > 20, t);
      this.update('trunkOver60', flex > 60, t);
      this.update('armOver60', arm > 60, t);
      this.update('armOver90', arm > 90, t);
      const twisted =
        Math.abs(truth.trunkTwistDeg[i] as number) > 20 || Math.abs(truth.trunkSideBendDeg[i] as number) > 20;
      this.update('trunkTwistOver20', twisted, t);
      if (truth.liftOnset[i] === 1) this.timeline.liftOnsetsMs.push(t);
    }
  }

  private update(measure: HazardMeasure, on: boolean, tMs: number): void {
    const current = this.open[measure];
    if (on && !current) {
      const interval = { startMs: tMs, endMs: null };
      this.open[measure] = interval;
      this.timeline[measure].push(interval);
    } else if (!on && current) {
      current.endMs = tMs;
      this.open[measure] = null;
    }
  }
}

/**
 * Onsets of the stretches that lasted at least `minHoldMs` (e.g. trunk > 60° held ≥ 10 s): the
 * true start of the hazards a rule with that holding time should warn about. A stretch still open
 * counts when it has lasted long enough by `nowMs`.
 */
export function heldOnsets(intervals: readonly Interval[], minHoldMs: number, nowMs = Infinity): number[] {
  return intervals.filter((iv) => (iv.endMs ?? nowMs) - iv.startMs >= minHoldMs).map((iv) => iv.startMs);
}

/**
 * Joins stretches separated by gaps shorter than `maxGapMs` (a posture wavering around a threshold
 * is one episode to a rule with hysteresis). Returns new intervals; the input is not changed.
 */
export function mergeIntervals(intervals: readonly Interval[], maxGapMs: number): Interval[] {
  const out: Interval[] = [];
  for (const iv of intervals) {
    const last = out[out.length - 1];
    if (last && last.endMs !== null && iv.startMs - last.endMs < maxGapMs) last.endMs = iv.endMs;
    else out.push({ ...iv });
  }
  return out;
}
