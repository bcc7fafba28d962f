import { HAZARD_TYPES } from '@haltung/protocol';
import { z } from 'zod';

/** Angles the posture tracker reports per sample; a rule watches exactly one. */
export const ANGLE_MEASURES = ['trunk_flexion', 'trunk_side_bend', 'arm_elevation'] as const;
export type AngleMeasure = (typeof ANGLE_MEASURES)[number];

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'lower-case letters, digits and "-"');
const degrees = z.number().finite().min(-180).max(180);
const positiveSeconds = z.number().finite().positive().max(86_400);
const seconds = z.number().finite().nonnegative().max(86_400);
const perMinute = z.number().finite().positive().max(600);

/** Fields every rule has; per-rule timing overrides the rule set's defaults. */
const common = {
  id: ruleId,
  hazard: z.enum(HAZARD_TYPES),
  enabled: z.boolean().default(true),
  /** Vibration of the first warning; an escalation always plays `escalate`. */
  vibration: z.enum(['gentle', 'firm']).default('gentle'),
  /** Seconds after a warning before this rule warns again (a new episode included). */
  cooldownS: seconds.optional(),
  /** Ids of rules that, once they warned in this rule's episode, silence it (one warning per episode). */
  suppressedBy: z.array(ruleId).default([]),
};

/** ISO 11226: an angle in [fromDeg, toDeg] may be held for a limit falling linearly with the angle. */
export const holdingTimeRuleSchema = z
  .object({
    ...common,
    kind: z.literal('holding_time'),
    measure: z.enum(ANGLE_MEASURES),
    fromDeg: degrees,
    toDeg: degrees,
    /** Maximum acceptable holding time at `fromDeg` and at `toDeg`, seconds. */
    limitAtFromS: positiveSeconds,
    limitAtToS: positiveSeconds,
    /** Escalate when the hold reaches this multiple of the limit. */
    escalateFactor: z.number().finite().min(1).max(100).default(2),
  })
  .strict()
  .refine((r) => r.toDeg > r.fromDeg, { path: ['toDeg'], message: 'must be greater than fromDeg' });

/** An angle beyond `aboveDeg` held for `holdS` (0 = at once); `absolute` also counts the other side. */
export const holdRuleSchema = z
  .object({
    ...common,
    kind: z.literal('hold'),
    measure: z.enum(ANGLE_MEASURES),
    aboveDeg: degrees,
    absolute: z.boolean().default(false),
    holdS: seconds,
    /** Escalate when the hold reaches this many seconds. */
    escalateAfterS: positiveSeconds,
  })
  .strict()
  .refine((r) => r.escalateAfterS > r.holdS, {
    path: ['escalateAfterS'],
    message: 'must be longer than holdS',
  });

/** Events per minute over a sliding window: bends beyond `aboveDeg` (EN 1005-4), or lifts. */
export const frequencyRuleSchema = z
  .object({
    ...common,
    kind: z.literal('frequency'),
    source: z.enum(['bends', 'lifts']),
    /** For `bends`: the angle a bend must pass to count. */
    measure: z.enum(ANGLE_MEASURES).default('trunk_flexion'),
    aboveDeg: degrees.default(20),
    windowS: z.number().finite().min(10).max(3600),
    perMin: perMinute,
    escalatePerMin: perMinute,
  })
  .strict()
  .refine((r) => r.escalatePerMin > r.perMin, {
    path: ['escalatePerMin'],
    message: 'must be greater than perMin',
  });

/** Each lift done stooped warns; `escalateCount` such lifts within `windowS` escalate. */
export const stoopedLiftRuleSchema = z
  .object({
    ...common,
    kind: z.literal('stooped_lift'),
    windowS: z.number().finite().min(10).max(3600),
    escalateCount: z.number().int().min(2).max(1000),
  })
  .strict();

export const ruleSchema = z.discriminatedUnion('kind', [
  holdingTimeRuleSchema,
  holdRuleSchema,
  frequencyRuleSchema,
  stoopedLiftRuleSchema,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type HoldingTimeRule = z.infer<typeof holdingTimeRuleSchema>;
export type HoldRule = z.infer<typeof holdRuleSchema>;
export type FrequencyRule = z.infer<typeof frequencyRuleSchema>;
export type StoopedLiftRule = z.infer<typeof stoopedLiftRuleSchema>;

/** A complete rule set, after defaults and site overrides are merged. */
export const ruleSetSchema = z
  .object({
    version: z.literal(1),
    /** Recover only below threshold − hysteresisDeg … */
    hysteresisDeg: z.number().finite().min(0).max(30).default(5),
    /** … held for recoverS (HeadOrbit PR#1: 5° for 0.8 s). */
    recoverS: z.number().finite().min(0).max(60).default(0.8),
    /** Default cool-down between warnings of one rule. */
    cooldownS: seconds.default(30),
    rules: z.array(ruleSchema).max(64),
  })
  .strict()
  .superRefine((set, ctx) => {
    for (const problem of crossCheckRules(set.rules)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/**
 * A site's rules file: the same shape, every field optional. A rule whose `id` exists in the
 * defaults is merged onto it field by field; a new `id` adds a rule; `replaceDefaults` starts empty.
 */
export const ruleSetOverrideSchema = z
  .object({
    version: z.literal(1),
    replaceDefaults: z.boolean().default(false),
    hysteresisDeg: z.unknown().optional(),
    recoverS: z.unknown().optional(),
    cooldownS: z.unknown().optional(),
    rules: z
      .array(z.object({ id: ruleId }).loose())
      .max(64)
      .default([]),
  })
  .strict();

/**
 * Checks across rules (unique ids, known `suppressedBy`), on raw input too, so a file with other
 * errors still gets these reported in the same pass.
 */
export function crossCheckRules(rules: unknown): Array<{ path: (string | number)[]; message: string }> {
  if (!Array.isArray(rules)) return [];
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  const ids = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    const id = (rule as { id?: unknown })?.id;
    if (typeof id !== 'string') continue;
    if (ids.has(id)) problems.push({ path: ['rules', i, 'id'], message: `duplicate rule id ${id}` });
    ids.add(id);
  }
  for (const [i, rule] of rules.entries()) {
    const others = (rule as { suppressedBy?: unknown })?.suppressedBy;
    if (!Array.isArray(others)) continue;
    for (const other of others) {
      if (typeof other === 'string' && !ids.has(other)) {
        problems.push({ path: ['rules', i, 'suppressedBy'], message: `unknown rule id ${other}` });
      }
    }
  }
  return problems;
}
