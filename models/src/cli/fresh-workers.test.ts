import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const fresh = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'models/src/cli/fresh-workers.ts', ...args], { cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('fresh-workers command', () => {
  it('names a bad option or a missing model and exits with 2, without a stack trace', async () => {
    const unknown = await fresh(['--seed', '3']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("fresh-workers: Unknown option '--seed'\n");
    const counts = await fresh(['--workers', '0']);
    expect(counts.code).toBe(2);
    expect(counts.stderr).toContain('--workers ≥ 1');
    const missing = await fresh(['--model', '/nonexistent/model']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /nonexistent/model/metadata.json');
    expect(missing.stdout).toBe('');
  });
});
