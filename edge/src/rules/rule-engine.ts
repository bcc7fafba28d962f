import { FrequencyRunner } from './frequency-runner.js';
import { HoldRunner } from './hold-runner.js';
import { HoldingTimeRunner } from './holding-time-runner.js';
import type { LiftEvent, PostureSample } from './posture-sample.js';
import type { Candidate, RuleHit } from './rule-hit.js';
import type { RuleRunner, RuleTiming } from './rule-runner.js';
import type { Rule, RuleSet } from './rule-schema.js';
import { StoopedLiftRunner } from './stooped-lift-runner.js';

/**
 * The ergonomic rules for one device: fed posture samples and lifts in time order, it returns the
 * warnings to raise. Pure and synchronous; one instance per device, so one device's data never
 * touches another's state. Beyond each rule's own episode logic it applies:
 * - cool-down: a rule does not warn again within `cooldownS` of its last warning;
 * - suppression: a rule whose `suppressedBy` rule warned during its episode stays quiet
 *   (a deep stoop is one "severe" warning, not also a "held" one);
 * - acknowledgement: an acknowledged episode is not escalated.
 */
export class RuleEngine {
  private readonly runners: RuleRunner[];
  private readonly index = new Map<string, number>();
  private readonly lastWarnMs: number[];
  private readonly cooldownMs: number[];

  constructor(ruleSet: RuleSet) {
    const timing: RuleTiming = {
      hysteresisDeg: ruleSet.hysteresisDeg,
      recoverMs: ruleSet.recoverS * 1000,
    };
    const enabled = ruleSet.rules.filter((r) => r.enabled);
    this.runners = enabled.map((rule) => createRunner(rule, timing));
    for (const [i, rule] of enabled.entries()) this.index.set(rule.id, i);
    this.lastWarnMs = enabled.map(() => Number.NEGATIVE_INFINITY);
    this.cooldownMs = enabled.map((r) => (r.cooldownS ?? ruleSet.cooldownS) * 1000);
  }

  /** Feeds one posture sample; hits are appended to `out`. */
  onSample(sample: PostureSample, out: RuleHit[]): void {
    for (let i = 0; i < this.runners.length; i++) {
      const candidate = (this.runners[i] as RuleRunner).onSample(sample);
      if (candidate) this.accept(i, candidate, out);
    }
  }

  /** Feeds one detected lift; hits are appended to `out`. */
  onLift(lift: LiftEvent, out: RuleHit[]): void {
    for (let i = 0; i < this.runners.length; i++) {
      const candidate = (this.runners[i] as RuleRunner).onLift(lift);
      if (candidate) this.accept(i, candidate, out);
    }
  }

  /** The data stream broke (a gap): running episodes cannot be judged any more. */
  interrupt(): void {
    for (const runner of this.runners) runner.interrupt();
  }

  /**
   * The worker acknowledged the warning of `ruleId`'s episode that began at `onsetMs`: that
   * episode will not escalate. Returns false when that episode is over (nothing to silence).
   */
  acknowledge(ruleId: string, onsetMs: number): boolean {
    const i = this.index.get(ruleId);
    const episode = i === undefined ? undefined : this.runners[i]?.episode;
    if (!episode?.active || episode.onsetMs !== onsetMs) return false;
    episode.silenced = true;
    return true;
  }

  private accept(i: number, c: Candidate, out: RuleHit[]): void {
    const runner = this.runners[i] as RuleRunner;
    const episode = runner.episode;
    if (c.kind === 'warn') {
      if (this.suppressed(runner.rule, c.onsetMs)) {
        episode.warned = true;
        episode.silenced = true;
        return;
      }
      // In cool-down: not marked, so the episode warns once the cool-down is over, if it lasts.
      if (c.tMs - (this.lastWarnMs[i] as number) < (this.cooldownMs[i] as number)) return;
      episode.warned = true;
    } else {
      if (episode.silenced) return;
      episode.escalated = true;
    }
    this.lastWarnMs[i] = c.tMs;
    const { kind: _kind, ...rest } = c;
    out.push({
      ...rest,
      ruleId: runner.rule.id,
      hazard: runner.rule.hazard,
      severity: c.kind === 'warn' ? 'warning' : 'high',
    });
  }

  private suppressed(rule: Rule, onsetMs: number): boolean {
    for (const id of rule.suppressedBy) {
      const j = this.index.get(id);
      if (j === undefined) continue;
      if ((this.lastWarnMs[j] as number) >= onsetMs) return true;
      const other = (this.runners[j] as RuleRunner).episode;
      if (other.active && other.warned && !other.silenced) return true;
    }
    return false;
  }
}

function createRunner(rule: Rule, timing: RuleTiming): RuleRunner {
  switch (rule.kind) {
    case 'holding_time':
      return new HoldingTimeRunner(rule, timing);
    case 'hold':
      return new HoldRunner(rule, timing);
    case 'frequency':
      return new FrequencyRunner(rule, timing);
    case 'stooped_lift':
      return new StoopedLiftRunner(rule);
  }
}
