import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSyntheticWorker, writeWorkerRecording } from '@haltung/simulator';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../runtime/backend.js';
import { evaluateCommand } from './evaluate-command.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'haltung-eval-'));
  const worker = createSyntheticWorker({
    seed: 5,
    sampleRateHz: 50,
    placements: ['pelvis'],
    task: [
      { activity: 'standing', durationS: 10 },
      { activity: 'walking', durationS: 15 },
      { activity: 'sitting', durationS: 15 },
    ],
  });
  await writeWorkerRecording(join(dir, 'worker.csv.gz'), worker, {
    durationS: 40,
    label: 'posture',
    subject: 'w5',
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await evaluateCommand([...args, '--backend', 'cpu'], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run evaluate', () => {
  it('prints per-class scores for model and baseline side by side, per subject and confusion', async () => {
    const r = await run(['--data', join(dir, 'worker.csv.gz')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/standing\s+\d\.\d{3}/);
    expect(r.out).toContain('macro-F1');
    expect(r.out).toContain('baseline (inclination threshold)');
    expect(r.out).toContain('Model confusion');
    expect(r.out).toMatch(/model macro-F1\s+\d\.\d{3} \(w5\)/);
  });

  it('gives the same as JSON, and writes one prediction row per window', async () => {
    const csv = join(dir, 'pred.csv');
    const r = await run(['--data', join(dir, 'worker.csv.gz'), '--json', '--predictions', csv]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.classes).toEqual(['standing', 'walking', 'sitting']);
    expect(report.model.macroF1).toBeGreaterThan(0.5);
    expect(report.baseline.perClass.walking.support).toBe(report.model.perClass.walking.support);
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('file,subject,label,t_ms,class,confidence,trunk_flexion_deg,strain');
    expect(lines.length - 1).toBe(report.windows.total);
    const row = (lines[30] as string).split(',');
    expect(row[0]).toBe('worker.csv.gz');
    expect(row[1]).toBe('w5');
    expect(Number(row[3])).toBeGreaterThan(0);
    expect(['low', 'elevated', 'high']).toContain(row[7]);
  });

  it('names a missing file, and a malformed one with its line', async () => {
    const missing = await run(['--data', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.csv: no such file or folder/);
    const bad = join(dir, 'bad', 'broken.csv');
    await rm(join(dir, 'bad'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'bad')));
    await writeFile(
      bad,
      'subject,label,t_ms,ax,ay,az,gx,gy,gz\n1,STANDING,0,9.8,0,0,,,\n1,STANDING,20,abc,0,0,,,\n',
    );
    const r = await run(['--data', join(dir, 'bad')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.csv:3/);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await run(['--data', join(dir, 'worker.csv.gz'), '--json']);
    expect(tf.memory().numTensors).toBe(before);
  });
});
