import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { type ServerConfig, serverConfigSchema } from './config-schema.js';

/** Thrown at start when the configuration is wrong; `problems` lists every one of them. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid server configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

type EnvKind = 'string' | 'nullableString' | 'number' | 'list' | 'tokens';

/** HALTUNG_SERVER_* variables and where they go in the config (dotted path, value kind). */
export const ENV_VARIABLES: Record<string, [path: string, kind: EnvKind]> = {
  HALTUNG_SERVER_INSTANCE_ID: ['instanceId', 'string'],
  // Empty: no shared subscription (a single instance, plain subscription).
  HALTUNG_SERVER_SHARE_GROUP: ['shareGroup', 'nullableString'],
  HALTUNG_SERVER_HOST: ['host', 'string'],
  HALTUNG_SERVER_PORT: ['port', 'number'],
  HALTUNG_SERVER_MQTT_URL: ['mqtt.url', 'string'],
  HALTUNG_SERVER_MQTT_USERNAME: ['mqtt.username', 'string'],
  HALTUNG_SERVER_MQTT_PASSWORD: ['mqtt.password', 'string'],
  HALTUNG_SERVER_INFLUX_URL: ['influx.url', 'string'],
  HALTUNG_SERVER_INFLUX_DB: ['influx.database', 'string'],
  HALTUNG_SERVER_INFLUX_USERNAME: ['influx.username', 'string'],
  HALTUNG_SERVER_INFLUX_PASSWORD: ['influx.password', 'string'],
  HALTUNG_SERVER_TOKENS: ['tokens', 'tokens'],
  HALTUNG_SERVER_K: ['privacy.k', 'number'],
  HALTUNG_SERVER_BUCKET_SECONDS: ['privacy.bucketSeconds', 'number'],
  HALTUNG_SERVER_RETENTION_DAYS: ['privacy.retentionDays', 'number'],
  HALTUNG_SERVER_EPSILON: ['privacy.epsilon', 'number'],
  HALTUNG_SERVER_TIME_ZONE: ['privacy.timeZone', 'string'],
  HALTUNG_SERVER_SPOOL_DIR: ['spoolDir', 'string'],
  HALTUNG_SERVER_DASHBOARD_DIR: ['dashboardDir', 'string'],
  HALTUNG_SERVER_MODEL_DIR: ['modelDir', 'string'],
  HALTUNG_SERVER_CORS_ORIGINS: ['corsOrigins', 'list'],
  HALTUNG_SERVER_LOG_LEVEL: ['logLevel', 'string'],
};

const PRIVACY_DEFAULTS = {
  k: 5,
  bucketSeconds: 900,
  retentionDays: 400,
  epsilon: null,
  timeZone: 'Europe/Berlin',
};

/**
 * Reads the optional config file (YAML or JSON), overlays HALTUNG_SERVER_* variables and validates
 * the result once. Throws a ConfigError that lists every problem, not just the first.
 */
export function loadConfig(options: { file?: string; env?: Env } = {}): ServerConfig {
  const problems: string[] = [];
  let raw: Record<string, unknown> = {};
  if (options.file) {
    try {
      const parsed: unknown = parseYaml(readFileSync(options.file, 'utf8'));
      if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
      else problems.push(`${options.file}: expected a mapping of settings`);
    } catch (error) {
      problems.push(`${options.file}: ${(error as Error).message}`);
    }
  }
  for (const [name, [path, kind]] of Object.entries(ENV_VARIABLES)) {
    const text = options.env?.[name];
    if (text === undefined || (text === '' && kind !== 'nullableString')) continue;
    const value = envValue(text, kind);
    if (value instanceof Error) problems.push(`${name}: ${value.message}`);
    else setPath(raw, path, value);
  }
  // Missing sections are reported by their required keys (e.g. mqtt.url) rather than as a whole.
  raw.mqtt ??= {};
  raw.influx ??= {};
  if (raw.privacy && typeof raw.privacy === 'object') raw.privacy = { ...PRIVACY_DEFAULTS, ...raw.privacy };
  const result = serverConfigSchema.safeParse(raw);
  if (!result.success) problems.push(...result.error.issues.map(describeIssue));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(result.data as ServerConfig);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.') || '(root)';
  const envName = Object.entries(ENV_VARIABLES).find(([, [p]]) => p === path)?.[0];
  return `${path}${envName ? ` (${envName})` : ''}: ${issue.message}`;
}

function envValue(text: string, kind: EnvKind): unknown {
  if (kind === 'string') return text;
  if (kind === 'nullableString') return text === '' ? null : text;
  if (kind === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : new Error(`not a number: ${JSON.stringify(text)}`);
  }
  if (kind === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  // tokens: "name:role:token,name:role:token"
  const tokens = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, role, ...rest] = entry.split(':');
    if (!name || !role || rest.length === 0) return new Error('expected name:role:token[,name:role:token…]');
    tokens.push({ name, role, token: rest.join(':') });
  }
  return tokens;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (!next || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}
