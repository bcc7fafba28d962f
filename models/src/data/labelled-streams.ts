import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SensorPlacement } from '@haltung/kinematics';
import type { PostureClass } from '@haltung/protocol';
import { readRecordings } from '@haltung/simulator';
import { InclinationBaseline } from '../eval/inclination-baseline.js';
import { type WindowSet, windowStream } from './recording-windows.js';

/** The windows of one labelled stream, with who and what it came from (for splits and reports). */
export interface LabelledWindows {
  source: 'hapt' | 'simulated';
  /** Person id, unique across sources (e.g. `hapt:7`, `sim:12`): splits never divide a person. */
  person: string;
  /** Simulated body type, or undefined for real people. */
  bodyType?: string;
  placement: SensorPlacement;
  /** False for an accelerometer-only stream (the recording's gyroscope left out, see `accelerometerOnly`). */
  gyroscope: boolean;
  file: string;
  windows: WindowSet;
  /** The inclination baseline's class per window (real recordings only, for the report). */
  baseline?: PostureClass[];
}

export interface HaptOptions {
  onFile?: (done: number, total: number) => void;
  /**
   * Also window each recording without its gyroscope (an accelerometer-only twin, `gyroscope: false`):
   * many real sensors have none, and the model must work on them too.
   */
  accelerometerOnly?: boolean;
}

/**
 * Reads every UCI HAPT recording of the common format under `dir` (read at run time; the data is
 * never copied into the repository) and windows it as a waist (pelvis) sensor.
 */
export async function loadHaptWindows(dir: string, options: HaptOptions = {}): Promise<LabelledWindows[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.csv(\.gz)?$/.test(n)).sort();
  } catch (error) {
    throw new Error(`cannot read the HAPT folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  if (names.length === 0) throw new Error(`no .csv or .csv.gz recordings in ${dir}`);
  const out: LabelledWindows[] = [];
  for (const [i, name] of names.entries()) {
    for (const rec of await readRecordings(join(dir, name))) {
      const baseline = new InclinationBaseline(rec.tMs, rec.acc);
      for (const gyroscope of options.accelerometerOnly ? [true, false] : [true]) {
        const windows = windowStream(gyroscope ? rec : { ...rec, gyro: null }, { placement: 'pelvis' });
        out.push({
          source: 'hapt',
          person: `hapt:${rec.subject}`,
          placement: 'pelvis',
          gyroscope,
          file: gyroscope ? name : `${name} (accelerometer only)`,
          windows,
          baseline: Array.from(windows.tStartMs, (t, k) =>
            baseline.classifyTimes(t, windows.tEndMs[k] as number),
          ),
        });
      }
    }
    options.onFile?.(i + 1, names.length);
  }
  return out;
}
