import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readRecordings } from '../files/read-recording.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const cli = (name: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', `simulator/src/cli/${name}.ts`, ...args], { cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('simulate command', () => {
  it('writes labelled workers to a gzipped CSV without MQTT', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'haltung-cli-')), 'data.csv.gz');
    const r = await cli('simulate', ['--workers', '2', '--duration', '30s', '--rate', '25', '--out', out]);
    expect(r.code).toBe(0);
    const recs = await readRecordings(out);
    expect(recs.map((x) => [x.subject, x.count, x.sampleRateHz])).toEqual([
      ['w1', 750, 25],
      ['w2', 750, 25],
    ]);
    expect(recs[0]?.gyro).not.toBeNull();
  });

  it('explains bad arguments and exits with 2', async () => {
    const r = await cli('simulate', ['--workers', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers "many" must be an integer');
    expect(r.stderr).toContain('--help');
  });
});
