import { Episode } from './episode.js';
import type { PostureSample } from './posture-sample.js';
import { type Candidate, round } from './rule-hit.js';
import { angleOf, type RuleRunner, type RuleTiming } from './rule-runner.js';
import type { HoldRule } from './rule-schema.js';

/** An angle beyond a threshold held for `holdS`; escalates at `escalateAfterS`. */
export class HoldRunner implements RuleRunner {
  readonly episode = new Episode();

  constructor(
    readonly rule: HoldRule,
    private readonly timing: RuleTiming,
  ) {}

  onSample(sample: PostureSample): Candidate | null {
    const raw = angleOf(sample, this.rule.measure);
    if (Number.isNaN(raw)) return null;
    const value = this.rule.absolute ? Math.abs(raw) : raw;
    const { aboveDeg } = this.rule;
    const ep = this.episode;
    ep.step(
      sample.tMs,
      value,
      value > aboveDeg,
      value < aboveDeg - this.timing.hysteresisDeg,
      this.timing.recoverMs,
    );
    if (!ep.active) return null;
    const heldS = ep.heldS(sample.tMs);
    if (!ep.warned && heldS >= this.rule.holdS) return this.candidate('warn', sample.tMs, heldS);
    if (ep.warned && !ep.escalated && !ep.silenced && heldS >= this.rule.escalateAfterS) {
      return this.candidate('escalate', sample.tMs, heldS);
    }
    return null;
  }

  onLift(): Candidate | null {
    return null;
  }

  interrupt(): void {
    this.episode.reset();
  }

  private candidate(kind: Candidate['kind'], tMs: number, heldS: number): Candidate {
    const angle = this.episode.meanValue;
    const limitS = kind === 'warn' ? this.rule.holdS : this.rule.escalateAfterS;
    return {
      kind,
      tMs,
      onsetMs: this.episode.onsetMs,
      measure: this.rule.measure,
      value: round(angle, 1),
      unit: 'deg',
      heldS: round(heldS, 1),
      limitS,
      threshold: this.rule.aboveDeg,
      params: { angle: round(angle), held: round(heldS), limit: round(limitS) },
    };
  }
}
