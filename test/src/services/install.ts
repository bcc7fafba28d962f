import { execFileSync, spawnSync } from 'node:child_process';

/** A system package the project runs but cannot ship through npm. */
export interface SystemTool {
  /** Executable looked up on PATH (and in /usr/sbin, where Debian puts daemons). */
  binary: string;
  /** Debian package that provides it. */
  aptPackage: string;
}

export class MissingToolError extends Error {
  readonly code = 'HLT_ERR_MISSING_TOOL';
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/sbin', '/bin'];

/** Absolute path of `binary`, or undefined when it is not installed. */
export function findBinary(binary: string): string | undefined {
  const which = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  if (onPath) return onPath;
  for (const dir of SEARCH_DIRS) {
    const candidate = `${dir}/${binary}`;
    if (spawnSync('test', ['-x', candidate]).status === 0) return candidate;
  }
  return undefined;
}

let aptUpdated = false;

/**
 * Returns the path of each tool, installing missing ones with apt when running as root on
 * Debian; otherwise fails with one message that says exactly what to install.
 */
export function ensureInstalled(
  tools: readonly SystemTool[],
  log: (msg: string) => void,
): Map<string, string> {
  const found = new Map<string, string>();
  const missing: SystemTool[] = [];
  for (const tool of tools) {
    const path = findBinary(tool.binary);
    if (path) found.set(tool.binary, path);
    else missing.push(tool);
  }
  if (missing.length === 0) return found;

  const packages = [...new Set(missing.map((t) => t.aptPackage))];
  const canApt = process.getuid?.() === 0 && findBinary('apt-get') !== undefined;
  if (!canApt) {
    throw new MissingToolError(
      `Haltung needs ${missing.map((t) => t.binary).join(', ')} to run its broker and database. ` +
        `Install them with: sudo apt-get install -y ${packages.join(' ')} ` +
        '(or point HALTUNG_MQTT_URL / HALTUNG_INFLUX_URL at existing services).',
    );
  }
  log(`installing ${packages.join(', ')} with apt-get (one time)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  for (const tool of missing) {
    const path = findBinary(tool.binary);
    if (!path)
      throw new MissingToolError(
        `apt-get installed ${tool.aptPackage} but ${tool.binary} is still not found`,
      );
    found.set(tool.binary, path);
  }
  return found;
}
