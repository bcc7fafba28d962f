import { Episode } from './episode.js';
import { EventWindow } from './event-window.js';
import type { LiftEvent, PostureSample } from './posture-sample.js';
import { type Candidate, round } from './rule-hit.js';
import { angleOf, type RuleRunner, type RuleTiming } from './rule-runner.js';
import type { FrequencyRule } from './rule-schema.js';

/**
 * Events per minute over a sliding window (EN 1005-4 bending frequency, lifting frequency). A
 * bend is one excursion beyond `aboveDeg` (with hysteresis, so a wobble at the threshold is one
 * bend). The rate is count ÷ window, so a fresh device cannot reach it on two quick bends.
 */
export class FrequencyRunner implements RuleRunner {
  /** The episode of the rate being at or above `perMin`. */
  readonly episode = new Episode();
  private readonly bend = new Episode();
  private readonly events: EventWindow;

  constructor(
    readonly rule: FrequencyRule,
    private readonly timing: RuleTiming,
  ) {
    this.events = new EventWindow(rule.windowS * 1000);
  }

  onSample(sample: PostureSample): Candidate | null {
    if (this.rule.source === 'bends') {
      const value = angleOf(sample, this.rule.measure);
      if (Number.isNaN(value)) return null;
      const { aboveDeg } = this.rule;
      const recovering = value < aboveDeg - this.timing.hysteresisDeg;
      const change = this.bend.step(sample.tMs, value, value > aboveDeg, recovering, this.timing.recoverMs);
      if (change === 'start') this.events.add(sample.tMs);
    }
    return this.evaluate(sample.tMs);
  }

  onLift(lift: LiftEvent): Candidate | null {
    if (this.rule.source !== 'lifts') return null;
    this.events.add(lift.tMs);
    return this.evaluate(lift.tMs);
  }

  interrupt(): void {
    this.bend.reset();
  }

  private evaluate(tMs: number): Candidate | null {
    const count = this.events.count(tMs);
    const rate = count / (this.rule.windowS / 60);
    const ep = this.episode;
    ep.step(tMs, rate, rate >= this.rule.perMin, rate < this.rule.perMin, 0);
    if (!ep.active) return null;
    if (!ep.warned) return this.candidate('warn', tMs, rate, count);
    if (!ep.escalated && !ep.silenced && rate >= this.rule.escalatePerMin) {
      return this.candidate('escalate', tMs, rate, count);
    }
    return null;
  }

  private candidate(kind: Candidate['kind'], tMs: number, rate: number, count: number): Candidate {
    return {
      kind,
      tMs,
      onsetMs: this.episode.onsetMs,
      measure: this.rule.source,
      value: round(rate, 1),
      unit: 'per_min',
      heldS: this.rule.windowS,
      limitS: this.rule.windowS,
      threshold: kind === 'warn' ? this.rule.perMin : this.rule.escalatePerMin,
      params: { rate: round(rate, 1), count },
    };
  }
}
