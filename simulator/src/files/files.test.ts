import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  CSV_HEADER,
  type Recording,
  RecordingFormatError,
  readRecording,
  readRecordingChunks,
  readRecordings,
  writeRecording,
} from './index.js';
import { parseDecimal } from './parse-decimal.js';

const dir = mkdtempSync(join(tmpdir(), 'haltung-files-'));
const file = (name: string, text: string, gz = false) => {
  const path = join(dir, name);
  writeFileSync(path, gz ? gzipSync(text) : text);
  return path;
};

function sample(subject: string, n: number, withGyro: boolean): Recording {
  const rec: Recording = {
    subject,
    count: n,
    labels: Array.from({ length: n }, (_, i) => (i < n / 2 ? 'standing' : 'stoop_bend')),
    tMs: Float64Array.from({ length: n }, (_, i) => i * 20),
    acc: Float32Array.from({ length: n * 3 }, (_, i) => Math.sin(i) * 12),
    gyro: withGyro ? Float32Array.from({ length: n * 3 }, (_, i) => Math.cos(i) * 3) : null,
    sampleRateHz: 50,
  };
  return rec;
}

describe('recording files', () => {
  it('round-trips a gzipped file with gyro, estimating the sample rate', async () => {
    const path = join(dir, 'a.csv.gz');
    const rec = sample('w-1', 1000, true);
    await writeRecording(path, rec);
    expect(readFileSync(path)[0]).toBe(0x1f);
    const back = await readRecording(path);
    expect(back.subject).toBe('w-1');
    expect(back.count).toBe(1000);
    expect(back.sampleRateHz).toBe(50);
    expect(back.labels[0]).toBe('standing');
    expect(back.labels[999]).toBe('stoop_bend');
    for (let i = 0; i < 3000; i++) {
      expect(back.acc[i]).toBeCloseTo(rec.acc[i] as number, 3);
      expect(back.gyro?.[i]).toBeCloseTo(rec.gyro?.[i] as number, 4);
    }
  });

  it('writes empty gyro fields for no gyroscope and reads them back as null', async () => {
    const path = join(dir, 'b.csv');
    await writeRecording(path, sample('w-2', 10, false));
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines[1]).toMatch(/^w-2,standing,0,[-\d.]+,[-\d.]+,[-\d.]+,,,$/);
    expect((await readRecording(path)).gyro).toBeNull();
  });

  it('splits a file with several subjects into one recording each', async () => {
    const path = join(dir, 'multi.csv');
    await writeRecording(path, [sample('a', 5, true), sample('b', 7, true)]);
    const recs = await readRecordings(path);
    expect(recs.map((r) => [r.subject, r.count])).toEqual([
      ['a', 5],
      ['b', 7],
    ]);
    await expect(readRecording(path)).rejects.toThrow(/multi\.csv:1: .*2 subjects/);
  });

  it('streams in chunks of bounded size', async () => {
    const path = join(dir, 'c.csv.gz');
    await writeRecording(path, sample('w', 2500, true));
    const sizes: number[] = [];
    for await (const c of readRecordingChunks(path, { chunkSize: 1000 })) sizes.push(c.count);
    expect(sizes).toEqual([1000, 1000, 500]);
  });

  it.each([
    ['bad header', 'subject,label,t\n', 1, /header/],
    ['too few fields', `${CSV_HEADER}\n1,STANDING,0,1,2,3,,,\n1,STANDING,20,1,2\n`, 3, /9 fields/],
    ['not a number', `${CSV_HEADER}\n1,STANDING,0,1,x,3,,,\n`, 2, /ay "x"/],
    ['empty acc', `${CSV_HEADER}\n1,STANDING,0,1,,3,,,\n`, 2, /ay ""/],
    ['time backwards', `${CSV_HEADER}\n1,S,20,1,2,3,,,\n1,S,0,1,2,3,,,\n`, 3, /back in time/],
    ['partial gyro', `${CSV_HEADER}\n1,S,0,1,2,3,0.1,,\n`, 2, /gy ""/],
    ['empty file', '', 1, /empty file/],
  ])('names file and line for %s', async (name, text, line, reason) => {
    const path = file(`${name.replace(/ /g, '-')}.csv.gz`, text, true);
    const error = await readRecording(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordingFormatError);
    expect((error as RecordingFormatError).line).toBe(line);
    expect((error as Error).message).toContain(`${path}:${line}:`);
    expect((error as Error).message).toMatch(reason);
  });

  it('names the file when it is missing or not valid gzip', async () => {
    await expect(readRecording(join(dir, 'nope.csv'))).rejects.toThrow(/nope\.csv/);
    const broken = file('broken.csv.gz', '');
    writeFileSync(broken, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(readRecording(broken)).rejects.toThrow(/broken\.csv\.gz/);
  });

  it('parses decimals exactly as Number() does', () => {
    const samples = [
      '0',
      '-0.5',
      '10.011',
      '-1.226',
      '9.80665',
      '123456789012345',
      '1e-3',
      '-2.5E2',
      '0.1234567890123456789',
    ];
    for (let i = 0; i < 2000; i++) samples.push((Math.sin(i) * 10 ** ((i % 7) - 2)).toFixed(i % 9));
    for (const s of samples) expect(parseDecimal(s, 0, s.length), s).toBe(Number(s));
    for (const bad of ['', '-', '.', '1.2.3', '0x10', ' 1', '1 ', 'NaN', 'Infinity', '1e']) {
      expect(parseDecimal(bad, 0, bad.length), bad).toBeNaN();
    }
  });

  it('reads the real UCI HAPT files (waist, 50 Hz, with gyro)', async () => {
    const rec = await readRecording('/work/shared/data/uci-hapt/exp01_user01.csv.gz');
    expect(rec.subject).toBe('1');
    expect(rec.sampleRateHz).toBe(50);
    expect(rec.count).toBeGreaterThan(10_000);
    expect(rec.gyro).not.toBeNull();
    expect(new Set(rec.labels)).toContain('WALKING');
  });
});
