import { PLACEMENTS, type Placement } from '@haltung/protocol';
import { type Logger, pino } from 'pino';

/** A mistake in the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses durations like `90`, `90s`, `10m`, `2h`, `1h30m`, `500ms` into seconds. */
export function parseDurationS(text: string, what = 'duration'): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const v = Number(m[1]);
    total += m[2] === 'h' ? v * 3600 : m[2] === 'm' ? v * 60 : m[2] === 's' ? v : v / 1000;
    matched += m[0].length;
  }
  if (matched === 0 || matched !== t.length || !(total > 0)) {
    throw new UsageError(`${what} "${text}" is not a duration like 90s, 10m, 2h or 1h30m`);
  }
  return total;
}

/** A number option within [min, max]; `integer` refuses fractions. */
export function parseNumber(
  text: string | undefined,
  what: string,
  min: number,
  max: number,
  integer = false,
): number {
  const v = Number(text);
  if (
    text === undefined ||
    text.trim() === '' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  ) {
    throw new UsageError(
      `--${what} "${text}" must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
    );
  }
  return v;
}

/** `--speed`: a positive factor, or `max` for as fast as possible. */
export function parseSpeed(text: string | undefined): number {
  if (text === undefined) return 1;
  if (text === 'max' || text === 'inf') return Number.POSITIVE_INFINITY;
  return parseNumber(text, 'speed', 0.01, 1_000_000);
}

export function parsePlacements(text: string): Placement[] {
  const list = text.split(',').map((s) => s.trim());
  for (const p of list) {
    if (!(PLACEMENTS as readonly string[]).includes(p)) {
      throw new UsageError(`placement "${p}" is not one of ${PLACEMENTS.join(', ')}`);
    }
  }
  return list as Placement[];
}

export function parseMqttUrl(text: string): string {
  if (!/^(mqtts?|wss?|tcp|ssl):\/\/[^/\s]+/.test(text)) {
    throw new UsageError(`broker "${text}" is not a URL like mqtt://host:1883`);
  }
  return text;
}

/** Logs to stderr, so stdout stays free for data and the progress bar does not tear log lines. */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
}

/**
 * Runs a CLI body: Ctrl-C (or SIGTERM) aborts the signal for a clean stop; a second Ctrl-C
 * exits at once. Usage errors print the message and the help hint and exit 2; others exit 1.
 */
export async function runCli(
  name: string,
  body: (signal: AbortSignal, log: Logger) => Promise<void>,
): Promise<void> {
  const log = createLogger(name);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.stderr.write(`\n${name}: stopped\n`);
      process.exit(130);
    }
    process.stderr.write(`\n${name}: stopping (Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await body(controller.signal, log);
    process.exitCode = 0;
  } catch (error) {
    const parseArgsError = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseArgsError) {
      process.stderr.write(`${name}: ${(error as Error).message}\nRun with --help for usage.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${name}: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
