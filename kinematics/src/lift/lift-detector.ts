import type { PostureSample } from '../posture/posture-sample.js';

/** One detected lift (or lowering): down, brief handling, back up within a few seconds. */
export interface LiftEvent {
  /** When the trunk or body started going down, ms. */
  onsetMs: number;
  /** When the wearer was back upright, ms. */
  endMs: number;
  /** `stoop`: trunk flexed with straight knees; `squat`: body lowered with little trunk flexion. */
  kind: 'stoop' | 'squat';
  /** Largest trunk flexion during the lift, °. */
  peakFlexionDeg: number;
  /** Largest estimated drop of the sensor, m (leaky double integral; indicative only). */
  dropM: number;
}

export interface LiftDetectorOptions {
  /**
   * Where the sensor is worn (default `trunk`). A belt sensor sees the pelvis, which tilts about
   * half as far as the upper trunk in a stoop, so `pelvis` halves the angle thresholds' defaults.
   */
  placement?: 'trunk' | 'pelvis';
  /** Peak flexion from which a lift is a stoop, ° (default 45). */
  stoopFlexionDeg?: number;
  /** Flexion that starts a candidate lift, ° (default 20). */
  startFlexionDeg?: number;
  /** Flexion below which the wearer is back upright, ° (default 12). */
  uprightFlexionDeg?: number;
  /** Estimated drop that starts a candidate squat and the least drop of a squat, m (default 0.15). */
  squatDropM?: number;
  /** Longest lift, ms (default 5000; LMM-HHT: a lift takes < 5 s, longer is holding). */
  maxDurationMs?: number;
  /** Shortest lift, ms (default 600). */
  minDurationMs?: number;
  /** Least upward acceleration peak on the way up, m/s² (default 0.5). */
  minUpwardAccMs2?: number;
}

type Phase = 'idle' | 'down' | 'held';

/** High-pass time constant of the height estimate, s: keeps integration drift bounded. */
const HEIGHT_TAU_S = 1.5;

/**
 * Streaming lift detector for a trunk or pelvis sensor. A lift is a down–up excursion lasting
 * 0.6–5 s that returns upright with an upward acceleration bump. It is a stoop when the trunk
 * flexed ≥ 45°, a squat when the trunk stayed straighter but the body went down (vertical
 * movement from the leaky double integral of |acc| − g). Excursions longer than 5 s are held
 * postures, not lifts, and are ignored until the wearer is upright again.
 */
export class LiftDetector {
  private readonly o: Required<LiftDetectorOptions>;
  private phase: Phase = 'idle';
  private v = 0;
  private h = 0;
  private lastTMs = Number.NaN;
  private segment = Number.NaN;
  private onsetMs = 0;
  private lastUprightMs = Number.NaN;
  private peakFlex = 0;
  private minH = 0;
  private maxUpAcc = 0;

  constructor(options: LiftDetectorOptions = {}) {
    const k = options.placement === 'pelvis' ? 0.55 : 1;
    this.o = {
      placement: options.placement ?? 'trunk',
      stoopFlexionDeg: options.stoopFlexionDeg ?? 45 * k,
      startFlexionDeg: options.startFlexionDeg ?? 20 * k,
      uprightFlexionDeg: options.uprightFlexionDeg ?? 12 * k,
      squatDropM: options.squatDropM ?? 0.15,
      maxDurationMs: options.maxDurationMs ?? 5000,
      minDurationMs: options.minDurationMs ?? 600,
      minUpwardAccMs2: options.minUpwardAccMs2 ?? 0.5,
    };
  }

  /** Feeds one posture sample; returns a lift when one has just ended, else null. */
  push(s: PostureSample): LiftEvent | null {
    if (s.segment !== this.segment || !s.referenceReady) {
      // Angles mean nothing before the upright reference is known.
      this.reset();
      this.segment = s.segment;
      if (!s.referenceReady) return null;
    }
    const dtS = Number.isNaN(this.lastTMs) ? 0 : (s.tMs - this.lastTMs) / 1000;
    this.lastTMs = s.tMs;
    const leak = Math.max(0, 1 - dtS / HEIGHT_TAU_S);
    this.v = (this.v + s.verticalAccMs2 * dtS) * leak;
    this.h = (this.h + this.v * dtS) * leak;
    const flex = s.trunkFlexionDeg;
    const upright = flex < this.o.uprightFlexionDeg && this.h > -this.o.squatDropM / 3;
    if (this.phase === 'idle') {
      if (upright) this.lastUprightMs = s.tMs;
      if (flex >= this.o.startFlexionDeg || this.h <= -this.o.squatDropM) {
        this.phase = 'down';
        this.onsetMs = Number.isNaN(this.lastUprightMs) ? s.tMs : this.lastUprightMs;
        this.peakFlex = flex;
        this.minH = this.h;
        this.maxUpAcc = 0;
      }
      return null;
    }
    this.peakFlex = Math.max(this.peakFlex, flex);
    this.minH = Math.min(this.minH, this.h);
    this.maxUpAcc = Math.max(this.maxUpAcc, s.verticalAccMs2);
    const durationMs = s.tMs - this.onsetMs;
    if (this.phase === 'down' && durationMs > this.o.maxDurationMs) this.phase = 'held';
    if (!upright) return null;
    const wasLift = this.phase === 'down' && durationMs >= this.o.minDurationMs;
    this.phase = 'idle';
    this.lastUprightMs = s.tMs;
    if (!wasLift || this.maxUpAcc < this.o.minUpwardAccMs2) return null;
    const dropM = -this.minH;
    const kind =
      this.peakFlex >= this.o.stoopFlexionDeg ? 'stoop' : dropM >= this.o.squatDropM ? 'squat' : null;
    if (kind === null) return null;
    return { onsetMs: this.onsetMs, endMs: s.tMs, kind, peakFlexionDeg: this.peakFlex, dropM };
  }

  reset(): void {
    this.phase = 'idle';
    this.v = 0;
    this.h = 0;
    this.lastTMs = Number.NaN;
    this.segment = Number.NaN;
    this.lastUprightMs = Number.NaN;
  }
}
