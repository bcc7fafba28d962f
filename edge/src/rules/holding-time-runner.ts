import { Episode } from './episode.js';
import type { PostureSample } from './posture-sample.js';
import { type Candidate, round } from './rule-hit.js';
import { angleOf, type RuleRunner, type RuleTiming } from './rule-runner.js';
import type { HoldingTimeRule } from './rule-schema.js';

/** Longest step between samples counted towards a hold; longer steps are gaps, not holding. */
const MAX_STEP_MS = 1000;

/**
 * ISO 11226 maximum acceptable holding time at `angleDeg`, seconds: linear from `limitAtFromS`
 * at `fromDeg` to `limitAtToS` at `toDeg`, clamped outside.
 */
export function maxHoldingTimeS(rule: HoldingTimeRule, angleDeg: number): number {
  const f = Math.min(1, Math.max(0, (angleDeg - rule.fromDeg) / (rule.toDeg - rule.fromDeg)));
  return rule.limitAtFromS + f * (rule.limitAtToS - rule.limitAtFromS);
}

/**
 * Holding time against the ISO 11226 limit. The hold is a dose, Σ dt / limit(angle), so a
 * posture that drifts between 25° and 50° is judged by the time it spent at each angle; at a
 * constant angle it warns exactly at the limit. Escalates at `escalateFactor` × the limit.
 */
export class HoldingTimeRunner implements RuleRunner {
  readonly episode = new Episode();
  private dose = 0;
  private lastTMs = Number.NaN;

  constructor(
    readonly rule: HoldingTimeRule,
    private readonly timing: RuleTiming,
  ) {}

  onSample(sample: PostureSample): Candidate | null {
    const value = angleOf(sample, this.rule.measure);
    if (Number.isNaN(value)) return null;
    const { fromDeg } = this.rule;
    const ep = this.episode;
    const change = ep.step(
      sample.tMs,
      value,
      value >= fromDeg,
      value < fromDeg - this.timing.hysteresisDeg,
      this.timing.recoverMs,
    );
    if (change === 'start' || !ep.active) this.dose = 0;
    const stepMs = sample.tMs - this.lastTMs;
    this.lastTMs = sample.tMs;
    if (!ep.active) return null;
    if (change !== 'start' && value >= fromDeg && stepMs > 0 && stepMs <= MAX_STEP_MS) {
      this.dose += stepMs / 1000 / maxHoldingTimeS(this.rule, value);
    }
    if (!ep.warned && this.dose >= 1) return this.candidate('warn', sample.tMs);
    if (ep.warned && !ep.escalated && !ep.silenced && this.dose >= this.rule.escalateFactor) {
      return this.candidate('escalate', sample.tMs);
    }
    return null;
  }

  onLift(): Candidate | null {
    return null;
  }

  interrupt(): void {
    this.episode.reset();
    this.dose = 0;
    this.lastTMs = Number.NaN;
  }

  private candidate(kind: Candidate['kind'], tMs: number): Candidate {
    const angle = this.episode.meanValue;
    const heldS = this.episode.heldS(tMs);
    const limitS = maxHoldingTimeS(this.rule, angle);
    return {
      kind,
      tMs,
      onsetMs: this.episode.onsetMs,
      measure: this.rule.measure,
      value: round(angle, 1),
      unit: 'deg',
      heldS: round(heldS, 1),
      limitS: round(kind === 'warn' ? limitS : limitS * this.rule.escalateFactor, 1),
      threshold: this.rule.fromDeg,
      params: { angle: round(angle), held: round(heldS), limit: round(limitS) },
    };
  }
}
