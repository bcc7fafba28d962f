import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { crossCheckRules, type RuleSet, ruleSetOverrideSchema, ruleSetSchema } from './rule-schema.js';

/** The shipped default rule set (edge/rules/default.yaml). */
export const DEFAULT_RULES_PATH = resolve(import.meta.dirname, '../../rules/default.yaml');

/** A rules file that cannot be read or is invalid; the message lists every problem. */
export class RulesError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid rules in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RulesError';
  }
}

/** Reads YAML or JSON (JSON is YAML); throws RulesError naming the file. */
export function readRulesFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RulesError(file, [`cannot read: ${(error as Error).message}`]);
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw new RulesError(file, [`not YAML/JSON: ${(error as Error).message}`]);
  }
}

/**
 * The rule set in force: the defaults, with a site's file merged on top when given
 * (see ruleSetOverrideSchema). Validated as a whole so a site cannot create an invalid rule.
 */
export function loadRules(siteFile?: string, defaultsFile = DEFAULT_RULES_PATH): RuleSet {
  const defaults = validate(defaultsFile, readRulesFile(defaultsFile));
  if (!siteFile) return defaults;
  return mergeRules(defaults, readRulesFile(siteFile), siteFile);
}

/** Merges a site override (already parsed) onto a rule set; throws RulesError naming `source`. */
export function mergeRules(base: RuleSet, override: unknown, source: string): RuleSet {
  const parsed = ruleSetOverrideSchema.safeParse(override);
  if (!parsed.success) throw new RulesError(source, issues(parsed.error, override));
  const { replaceDefaults, rules, ...top } = parsed.data;
  const merged: Record<string, unknown> = { ...base, rules: undefined };
  for (const [key, value] of Object.entries(top)) if (value !== undefined) merged[key] = value;
  const byId = new Map<string, Record<string, unknown>>(
    replaceDefaults ? [] : base.rules.map((r) => [r.id, { ...r }]),
  );
  for (const rule of rules) byId.set(rule.id, { ...(byId.get(rule.id) ?? {}), ...rule });
  merged.rules = [...byId.values()];
  return validate(source, merged);
}

function validate(source: string, value: unknown): RuleSet {
  const parsed = ruleSetSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const cross = crossCheckRules((value as { rules?: unknown } | null)?.rules);
  const all = [...parsed.error.issues, ...cross];
  throw new RulesError(source, [...new Set(describe(all, value))]);
}

/** One line per issue; `rules.3.holdS` reads `rules[trunk-over-60].holdS`. */
function issues(error: z.ZodError, value: unknown): string[] {
  return describe(error.issues, value);
}

function describe(list: Array<{ path: PropertyKey[]; message: string }>, value: unknown): string[] {
  const rules = (value as { rules?: Array<{ id?: unknown }> } | null)?.rules;
  return list.map((issue) => {
    const path = issue.path.map(String);
    const id = rules?.[Number(issue.path[1])]?.id;
    if (path[0] === 'rules' && typeof issue.path[1] === 'number' && typeof id === 'string') {
      path.splice(0, 2, `rules[${id}]`);
    }
    return `${path.length ? path.join('.') : '(root)'}: ${issue.message}`;
  });
}
