import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type EdgeConfig, edgeConfigSchema } from './config-schema.js';

/** Environment variable of a setting: `siteBroker` → `HALTUNG_EDGE_SITE_BROKER`. */
export const envName = (key: string): string =>
  `HALTUNG_EDGE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Invalid configuration; the message lists every problem and where each value came from. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid edge configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  /** Settings from command-line flags (highest precedence). */
  flags?: Record<string, unknown>;
  /** How each flag is spelled on the command line, for error messages (default: kebab-case key). */
  flagNames?: Record<string, string>;
  /** The environment (HALTUNG_EDGE_*). */
  env?: Record<string, string | undefined>;
  /** A YAML/JSON config file (lowest precedence, above the defaults). */
  file?: string;
}

/** Merges defaults < file < environment < flags, validates once, and freezes the result. */
export function loadConfig(sources: ConfigSources): Readonly<EdgeConfig> {
  const problems: string[] = [];
  const origin = new Map<string, string>();
  const merged: Record<string, unknown> = {};
  if (sources.file) {
    const fromFile = readConfigFile(sources.file, problems);
    for (const [k, v] of Object.entries(fromFile)) {
      merged[k] = v;
      origin.set(k, sources.file);
    }
  }
  const keys = Object.keys(edgeConfigSchema.shape);
  for (const key of keys) {
    const value = sources.env?.[envName(key)];
    if (value !== undefined && value !== '') {
      merged[key] = value;
      origin.set(key, envName(key));
    }
  }
  for (const [k, v] of Object.entries(sources.flags ?? {})) {
    if (v === undefined) continue;
    merged[k] = v;
    origin.set(k, `--${sources.flagNames?.[k] ?? k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  }
  const parsed = edgeConfigSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const from = origin.get(key);
      const where = key ? `${key}${from ? ` (from ${from})` : ''}` : '(config)';
      problems.push(`${where}: ${issue.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(parsed.data as EdgeConfig);
}

function readConfigFile(file: string, problems: string[]): Record<string, unknown> {
  try {
    const value = parseYaml(readFileSync(file, 'utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(`${file}: must be a YAML/JSON object of settings`);
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
  }
  return {};
}
