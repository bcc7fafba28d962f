import type { Base, Pose } from '../body/pose.js';
import type { Rng } from '../random/rng.js';
import type { Activity, BodyProfile } from '../types.js';

/**
 * One planned stretch of motion. All of its randomness is drawn when it is planned, so its pose
 * is a pure function of the time into it; it starts and ends at the neutral pose of its base
 * posture with zero velocity, so consecutive segments join smoothly.
 */
export interface Segment {
  activity: Activity;
  base: Base;
  durationS: number;
  /** Writes the pose `tauS` seconds into the segment (0 ≤ tauS ≤ durationS). */
  pose(tauS: number, out: Pose): void;
  /** Seconds into the segment at which the load leaves the ground (lifts only). */
  liftOnsetS?: number;
  /** For `transition` segments: the base postures it connects. */
  transition?: { from: Base; to: Base };
}

/** What a planner needs: the worker's randomness, body and neutral poses. */
export interface PlanContext {
  rng: Rng;
  profile: BodyProfile;
  neutral: Record<Base, Pose>;
  /**
   * How far this person's pelvis tilts forward (+) while walking against standing, deg. Real waists
   * walk a few degrees off their standing tilt (UCI HAPT: 4.7° median, 9.2° p90, unsigned); a
   * simulator without it makes the walking mean a perfect standing reference for belt sensors.
   */
  gaitPelvisTiltDeg: number;
}

/**
 * Smooth random wander: a sum of sinusoids with random frequency and phase. Cheap, deterministic
 * and infinitely differentiable, so it adds no acceleration spikes.
 */
export class Wander {
  private readonly f: Float64Array;
  private readonly ph: Float64Array;
  private readonly a: Float64Array;

  constructor(rng: Rng, amplitude: number, fLoHz: number, fHiHz: number, components = 2) {
    this.f = new Float64Array(components);
    this.ph = new Float64Array(components);
    this.a = new Float64Array(components);
    for (let i = 0; i < components; i++) {
      this.f[i] = 2 * Math.PI * rng.uniform(fLoHz, fHiHz);
      this.ph[i] = rng.uniform(0, 2 * Math.PI);
      this.a[i] = (amplitude * rng.uniform(0.5, 1)) / Math.sqrt(components);
    }
  }

  at(tS: number): number {
    let v = 0;
    for (let i = 0; i < this.f.length; i++) {
      v += (this.a[i] as number) * Math.sin((this.f[i] as number) * tS + (this.ph[i] as number));
    }
    return v;
  }
}

/** An excursion away from and back to neutral: starts at `startS`, ramps, holds, ramps back. */
export interface Excursion {
  startS: number;
  durationS: number;
  rampS: number;
  amount: number;
}

export function excursionAt(list: readonly Excursion[], tauS: number): number {
  let v = 0;
  for (const e of list) {
    const t = tauS - e.startS;
    if (t <= 0 || t >= e.durationS) continue;
    const r = Math.min(e.rampS, e.durationS / 2);
    v += e.amount * (t < r ? smooth(t / r) : t > e.durationS - r ? smooth((e.durationS - t) / r) : 1);
  }
  return v;
}

const smooth = (u: number) => u * u * u * (10 + u * (-15 + 6 * u));

/** Schedules repeated excursions filling `durationS`, leaving `marginS` at both ends. */
export function scheduleExcursions(
  rng: Rng,
  durationS: number,
  marginS: number,
  draw: () => { durationS: number; rampS: number; amount: number; gapS: number },
): Excursion[] {
  const out: Excursion[] = [];
  let t = marginS;
  for (;;) {
    const d = draw();
    if (t + d.durationS > durationS - marginS) break;
    out.push({ startS: t, durationS: d.durationS, rampS: d.rampS, amount: d.amount });
    t += d.durationS + d.gapS * rng.uniform(0.5, 1.5);
  }
  return out;
}
