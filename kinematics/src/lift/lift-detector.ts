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
  /**
   * Longest time a stoop stays within 10° of its deepest flexion, ms (default 1800). Grasping a
   * load is a brief pause at the bottom; a longer one is reaching, looking or working bent.
   */
  maxBottomMs?: number;
  /**
   * How long the wearer must stay up after a lift before it is reported, ms (default 1200). Bending
   * again within it means repeated reaching, not a lift; the new bend is judged on its own.
   */
  confirmMs?: number;
}

type Phase = 'idle' | 'down' | 'held' | 'confirm';

/** High-pass time constant of the height estimate, s: keeps integration drift bounded. */
const HEIGHT_TAU_S = 1.5;
/** Time constant of the vertical acceleration's running mean, s (removed before measuring a drop). */
const ACC_MEAN_TAU_S = 3;
/** Band below the deepest flexion that counts as the bottom of a stoop, °. */
const BOTTOM_BAND_DEG = 10;
/** Flexion history of one excursion: 5 s at the 25 Hz canonical rate, with room to spare. */
const HISTORY = 256;

/**
 * Streaming lift detector for a trunk or pelvis sensor. A lift is a down–up excursion lasting
 * 0.6–5 s that returns upright with an upward acceleration bump. It is a stoop when the trunk
 * flexed ≥ 45°, a squat when the trunk stayed straighter but the body went down (vertical
 * movement from the leaky double integral of |acc| − g). Excursions longer than 5 s are held
 * postures, not lifts, and are ignored until the wearer is upright again.
 *
 * A stoop to reach or look looks much like a stoop lift from one IMU, so a stoop only counts when
 * its bottom (within 10° of the deepest flexion) lasted ≤ 1.8 s, a grasp rather than work done
 * bent, and the wearer then stayed up for 1.2 s: a lift is reported that long after it ended.
 * Cost per sample: a few multiplications; once per excursion a pass over ≤ 5 s of flexion.
 */
export class LiftDetector {
  private readonly o: Required<LiftDetectorOptions>;
  private phase: Phase = 'idle';
  private v = 0;
  private h = 0;
  private accMean = 0;
  private vDrop = 0;
  private hDrop = 0;
  private lastTMs = Number.NaN;
  private segment = Number.NaN;
  private onsetMs = 0;
  private lastUprightMs = Number.NaN;
  private peakFlex = 0;
  private minH = 0;
  private maxUpAcc = 0;
  private readonly flexHistory = new Float32Array(HISTORY);
  private readonly tHistory = new Float64Array(HISTORY);
  private historyLength = 0;
  private pending: LiftEvent | null = null;

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
      maxBottomMs: options.maxBottomMs ?? 1800,
      confirmMs: options.confirmMs ?? 1200,
    };
  }

  /**
   * Feeds one posture sample; returns a lift once it is confirmed (`confirmMs` after the wearer is
   * back upright, with no bend since), else null.
   */
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
    // |acc| − g rectifies every movement into a positive mean (walking: up to 0.5 m/s²), which lifts
    // `h` by up to a metre and hides a squat's drop. The drop is measured on a second integral of
    // the acceleration minus its running mean; `h` (biased upwards) only says "not gone down".
    this.accMean += (s.verticalAccMs2 - this.accMean) * Math.min(1, dtS / ACC_MEAN_TAU_S);
    this.vDrop = (this.vDrop + (s.verticalAccMs2 - this.accMean) * dtS) * leak;
    this.hDrop = (this.hDrop + this.vDrop * dtS) * leak;
    const flex = s.trunkFlexionDeg;
    const upright = flex < this.o.uprightFlexionDeg && this.h > -this.o.squatDropM / 3;
    const bending = flex >= this.o.startFlexionDeg;
    // Steps shake the height estimate: a drop only starts a candidate when the wearer is not walking.
    const goingDown = bending || (this.hDrop <= -this.o.squatDropM && !s.walking);
    if (this.phase === 'confirm') {
      const p = this.pending as LiftEvent;
      if (bending) {
        // Down again before the lift was confirmed: repeated reaching, not a lift. The new
        // excursion is judged on its own.
        this.pending = null;
        this.phase = 'down';
      } else {
        if (upright) this.markUpright(s.tMs);
        if (s.tMs - p.endMs < this.o.confirmMs) return null;
        this.phase = 'idle';
        this.pending = null;
        return p;
      }
    }
    if (this.phase === 'idle') {
      if (upright) this.markUpright(s.tMs);
      if (!goingDown) return null;
      this.phase = 'down';
    }
    if (this.phase === 'down' && this.historyLength === 0) this.start(s.tMs);
    this.record(s.tMs, flex, s.verticalAccMs2);
    const durationMs = s.tMs - this.onsetMs;
    if (this.phase === 'down' && durationMs > this.o.maxDurationMs) this.phase = 'held';
    if (!upright) return null;
    const lift = this.phase === 'down' && durationMs >= this.o.minDurationMs ? this.judge(s.tMs) : null;
    this.phase = lift ? 'confirm' : 'idle';
    this.pending = lift;
    this.historyLength = 0;
    this.markUpright(s.tMs);
    return null;
  }

  private markUpright(tMs: number): void {
    this.lastUprightMs = tMs;
  }

  private start(tMs: number): void {
    this.onsetMs = Number.isNaN(this.lastUprightMs) ? tMs : this.lastUprightMs;
    this.peakFlex = Number.NEGATIVE_INFINITY;
    this.minH = 0;
    this.maxUpAcc = 0;
  }

  private record(tMs: number, flex: number, verticalAccMs2: number): void {
    this.peakFlex = Math.max(this.peakFlex, flex);
    this.minH = Math.min(this.minH, this.hDrop);
    this.maxUpAcc = Math.max(this.maxUpAcc, verticalAccMs2);
    const i = Math.min(this.historyLength, HISTORY - 1);
    this.flexHistory[i] = flex;
    this.tHistory[i] = tMs;
    this.historyLength = i + 1;
  }

  /** The lift this completed excursion was, or null when it was not one. */
  private judge(endMs: number): LiftEvent | null {
    if (this.maxUpAcc < this.o.minUpwardAccMs2) return null;
    const dropM = -this.minH;
    if (this.peakFlex >= this.o.stoopFlexionDeg) {
      if (this.bottomMs() > this.o.maxBottomMs) return null;
      return { onsetMs: this.onsetMs, endMs, kind: 'stoop', peakFlexionDeg: this.peakFlex, dropM };
    }
    // A squat lift still leans the trunk forward; a drop with the trunk upright is integration drift.
    if (dropM < this.o.squatDropM || this.peakFlex < this.o.uprightFlexionDeg) return null;
    return { onsetMs: this.onsetMs, endMs, kind: 'squat', peakFlexionDeg: this.peakFlex, dropM };
  }

  /** Time from the first to the last sample within the bottom band of the deepest flexion, ms. */
  private bottomMs(): number {
    const floor = this.peakFlex - BOTTOM_BAND_DEG;
    let first = -1;
    let last = -1;
    for (let i = 0; i < this.historyLength; i++) {
      if ((this.flexHistory[i] as number) < floor) continue;
      if (first < 0) first = i;
      last = i;
    }
    return first < 0 ? 0 : (this.tHistory[last] as number) - (this.tHistory[first] as number);
  }

  reset(): void {
    this.phase = 'idle';
    this.v = 0;
    this.h = 0;
    this.accMean = 0;
    this.vDrop = 0;
    this.hDrop = 0;
    this.lastTMs = Number.NaN;
    this.segment = Number.NaN;
    this.lastUprightMs = Number.NaN;
    this.historyLength = 0;
    this.pending = null;
  }
}
