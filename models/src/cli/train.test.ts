import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const train = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'models/src/cli/train.ts', ...args], { cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('train command', () => {
  it('names every bad argument and exits with 2 before it trains or writes anything', async () => {
    const r = await train([
      '--hidden',
      '128,x',
      '--hapt-share',
      '1.5',
      '--folds',
      '1',
      '--height-oracle',
      '--validation-workers',
      '1.5',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--hidden 128,x: must be layer sizes');
    expect(r.stderr).toContain('--hapt-share 1.5: must be between 0 and 1');
    expect(r.stderr).toContain('--folds 1: must be 0 or an integer ≥ 2');
    expect(r.stderr).toContain('--validation-workers 1.5: must be an integer ≥ 0');
    // The diagnosis never overwrites the shipped model.
    expect(r.stderr).toContain('--height-oracle is a diagnosis');
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown option without a stack trace', async () => {
    const r = await train(['--epoch', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("train: Unknown option '--epoch' (see --help)\n");
  });
});
