import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A daemon started by us, with its log file, stopped gracefully on request. */
export interface DaemonHandle {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves once the process has exited (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** True until the process exits. */
  isRunning(): boolean;
}

/**
 * Starts `command` with its output appended to `logFile`, and records its pid in `pidFile` so a
 * later run can stop a daemon that an interrupted run left behind.
 */
export function startDaemon(
  name: string,
  command: string,
  args: string[],
  logFile: string,
  pidFile: string,
): DaemonHandle {
  killStale(pidFile, command);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  writeFileSync(pidFile, `${child.pid}\n${command}\n`);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      rmSync(pidFile, { force: true });
      resolve();
    });
  });
  return {
    name,
    pid: child.pid,
    logFile,
    isRunning: () => !exited,
    async stop(graceMs = 10_000) {
      if (exited) return;
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exit.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exit;
      }
      log.end();
    },
  };
}

/** Kills a process recorded in `pidFile` if it still runs the same command. */
function killStale(pidFile: string, command: string): void {
  if (!existsSync(pidFile)) return;
  const [pidText, recorded] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidText);
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || recorded !== command) return;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.startsWith(command)) process.kill(pid, 'SIGKILL');
  } catch {
    // The process is gone already: nothing to stop.
  }
}

/** Polls `probe` until it resolves true, or throws with the daemon's log tail after `timeoutMs`. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  handle?: DaemonHandle,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle && !handle.isRunning()) break;
    if (await probe().catch(() => false)) return;
    await sleep(100);
  }
  const tail =
    handle && existsSync(handle.logFile)
      ? readFileSync(handle.logFile, 'utf8').split('\n').slice(-15).join('\n')
      : '';
  const state = handle && !handle.isRunning() ? 'exited' : `not ready after ${timeoutMs} ms`;
  throw new Error(`${what} ${state}${tail ? `; last log lines:\n${tail}` : ''}`);
}
