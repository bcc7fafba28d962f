import { Episode } from './episode.js';
import { EventWindow } from './event-window.js';
import type { LiftEvent } from './posture-sample.js';
import type { Candidate } from './rule-hit.js';
import type { RuleRunner } from './rule-runner.js';
import type { StoopedLiftRule } from './rule-schema.js';

/**
 * Every lift done stooped is a hazard of its own (LMM-HHT: a lift lasts < 5 s, so there is no hold
 * to wait for). `escalateCount` stooped lifts within `windowS` escalate, at most once per window.
 */
export class StoopedLiftRunner implements RuleRunner {
  /** The latest stooped lift, as a one-sample episode (so it can be acknowledged). */
  readonly episode = new Episode();
  private readonly lifts: EventWindow;
  private lastEscalationMs = Number.NEGATIVE_INFINITY;

  constructor(readonly rule: StoopedLiftRule) {
    this.lifts = new EventWindow(rule.windowS * 1000);
  }

  onSample(): Candidate | null {
    return null;
  }

  onLift(lift: LiftEvent): Candidate | null {
    if (!lift.stooped) return null;
    this.lifts.add(lift.tMs);
    const count = this.lifts.count(lift.tMs);
    this.episode.reset();
    this.episode.step(lift.tMs, 1, true, false, 0);
    let kind: Candidate['kind'] = 'warn';
    if (count >= this.rule.escalateCount && lift.tMs - this.lastEscalationMs >= this.rule.windowS * 1000) {
      kind = 'escalate';
      this.lastEscalationMs = lift.tMs;
      this.episode.warned = true;
    }
    return {
      kind,
      tMs: lift.tMs,
      onsetMs: lift.tMs,
      measure: 'lifts',
      value: count,
      unit: 'count',
      heldS: 0,
      limitS: 0,
      threshold: kind === 'warn' ? 1 : this.rule.escalateCount,
      params: { count },
    };
  }

  interrupt(): void {
    this.episode.reset();
  }
}
