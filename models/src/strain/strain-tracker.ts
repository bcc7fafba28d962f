import type { PostureClass, StrainLevel } from '@haltung/protocol';
import { STRAIN_LIMITS, type StrainInput, strainLevel } from './strain-level.js';

/** One window of one wearer, in time order. */
export interface StrainWindow {
  /** End of the window, ms (any clock, increasing). */
  tEndMs: number;
  posture: PostureClass;
  trunkFlexionDeg: number;
  armElevationDeg?: number;
  peakFlexionRateDegS?: number;
  peakTrunkFlexionDeg?: number;
  lift?: boolean;
}

/**
 * Turns a wearer's stream of windows into strain levels, keeping the holding times the rule needs.
 * A hold is the time from the end of the first window in a run that meets the condition, plus one
 * hop (that window's own share), to the end of the current one; a gap longer than `maxGapMs` or a
 * window that fails the condition ends the run.
 */
export class StrainTracker {
  private readonly runs = new Map<string, number>();
  private lastEndMs: number | undefined;

  /** @param hopS hop between windows, seconds (the model's metadata.hopS). */
  constructor(
    private readonly hopS: number,
    private readonly maxGapMs = 3000,
  ) {}

  /** Strain level of the next window, with the inputs the rule saw. */
  push(window: StrainWindow): { level: StrainLevel; input: StrainInput } {
    if (this.lastEndMs !== undefined && window.tEndMs - this.lastEndMs > this.maxGapMs) this.runs.clear();
    this.lastEndMs = window.tEndMs;
    const L = STRAIN_LIMITS;
    const flex = window.trunkFlexionDeg;
    const arm = window.armElevationDeg;
    const input: StrainInput = {
      posture: window.posture,
      trunkFlexionDeg: flex,
      trunkOver20HoldS: this.hold('trunk20', flex > L.trunkAcceptableDeg, window.tEndMs),
      trunkOver60HoldS: this.hold('trunk60', flex > L.trunkNotAcceptableDeg, window.tEndMs),
      postureHoldS: this.hold(`posture:${window.posture}`, true, window.tEndMs),
      ...(arm !== undefined && {
        armElevationDeg: arm,
        armOver60HoldS: this.hold('arm60', arm > L.armAcceptableDeg, window.tEndMs),
      }),
      ...(window.peakFlexionRateDegS !== undefined && { peakFlexionRateDegS: window.peakFlexionRateDegS }),
      ...(window.peakTrunkFlexionDeg !== undefined && { peakTrunkFlexionDeg: window.peakTrunkFlexionDeg }),
      ...(window.lift !== undefined && { lift: window.lift }),
    };
    for (const key of [...this.runs.keys()]) {
      if (key.startsWith('posture:') && key !== `posture:${window.posture}`) this.runs.delete(key);
    }
    return { level: strainLevel(input), input };
  }

  private hold(key: string, active: boolean, tEndMs: number): number {
    if (!active) {
      this.runs.delete(key);
      return 0;
    }
    const start = this.runs.get(key) ?? tEndMs;
    this.runs.set(key, start);
    return (tEndMs - start) / 1000 + this.hopS;
  }
}
