import { randomUUID } from 'node:crypto';
import { type VibrationPattern, type Warning, warningMessageKey, warningSchema } from '@haltung/protocol';
import type { RuleHit } from '../rules/rule-hit.js';

/**
 * The warning for the wearer's own feedback topic: a fresh id (to acknowledge exactly this one),
 * the message key and parameters the wearable renders in the worker's language, the vibration
 * (`escalate` for an escalation) and the reason (what, how long, which limit, which rule).
 */
export function buildWarning(hit: RuleHit, vibration: Exclude<VibrationPattern, 'escalate'>): Warning {
  return warningSchema.parse({
    v: 1,
    kind: 'warning',
    warningId: randomUUID(),
    tMs: hit.tMs,
    hazard: hit.hazard,
    severity: hit.severity,
    vibration: hit.severity === 'high' ? 'escalate' : vibration,
    messageKey: warningMessageKey(hit.hazard),
    params: hit.params,
    reason: {
      measure: hit.measure,
      value: hit.value,
      unit: hit.unit,
      heldS: hit.heldS,
      limitS: hit.limitS,
      threshold: hit.threshold,
      rule: hit.ruleId,
    },
    onsetMs: hit.onsetMs,
  });
}
