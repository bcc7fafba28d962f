import type { HazardType, Severity, Warning } from '@haltung/protocol';

/** What a rule found: the engine turns it into a warning (or drops it: cool-down, suppression). */
export interface RuleHit {
  ruleId: string;
  hazard: HazardType;
  severity: Severity;
  /** Sample time the limit was crossed, ms. */
  tMs: number;
  /** Onset of the hazard (start of the episode, or the event), ms. */
  onsetMs: number;
  measure: Warning['reason']['measure'];
  value: number;
  unit: Warning['reason']['unit'];
  heldS: number;
  limitS: number;
  threshold: number;
  /** Message parameters (feedback-messages.ts): angle, held, limit, rate, count. */
  params: Record<string, number>;
}

/** A rule's candidate hit; `kind` tells the engine whether it is a first warning or an escalation. */
export type Candidate = Omit<RuleHit, 'ruleId' | 'hazard' | 'severity'> & { kind: 'warn' | 'escalate' };

/** Rounds for display on the wearable: whole degrees and seconds, one decimal for rates. */
export const round = (x: number, decimals = 0): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};
