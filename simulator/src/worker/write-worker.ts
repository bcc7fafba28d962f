import type { Placement } from '@haltung/protocol';
import { createRecordingWriter, type RecordingWriter } from '../files/write-recording.js';
import type { SyntheticWorker } from '../types.js';
import { type LabelKind, truthLabels } from './worker-labels.js';

export interface WriteWorkerOptions {
  /** Seconds of data to generate. */
  durationS: number;
  /** Which sensor to write (default: the worker's first placement). */
  placement?: Placement;
  /** `activity` (default) or `posture`. */
  label?: LabelKind;
  /** Subject column (default: the worker's id). */
  subject?: string;
  /** Called after each chunk with the seconds written so far (progress display). */
  onProgress?: (writtenS: number) => void;
  /** Stops early (after the current chunk) when aborted. */
  signal?: AbortSignal;
}

/**
 * Generates `durationS` seconds of a worker and appends them to an open writer, one placement, in
 * chunks of 10 s (bounded memory for whole shifts). Time restarts from the worker's own clock.
 */
export async function appendWorker(
  writer: RecordingWriter,
  worker: SyntheticWorker,
  options: WriteWorkerOptions,
): Promise<void> {
  const placement = options.placement ?? worker.options.placements[0];
  if (!placement || !worker.options.placements.includes(placement)) {
    throw new Error(`worker ${worker.id} wears no sensor at ${placement}`);
  }
  const rate = worker.options.sampleRateHz;
  const total = Math.round(options.durationS * rate);
  const chunk = Math.max(1, Math.round(10 * rate));
  for (let done = 0; done < total && !options.signal?.aborted; ) {
    const n = Math.min(chunk, total - done);
    const block = worker.next(n);
    const sensor = block.sensors[placement];
    if (!sensor) throw new Error(`worker ${worker.id}: no ${placement} data`);
    await writer.write({
      subject: options.subject ?? worker.id,
      labels: truthLabels(block.truth, n, options.label ?? 'activity'),
      tMs: block.tMs,
      acc: sensor.acc,
      gyro: sensor.gyro,
    });
    done += n;
    options.onProgress?.(done / rate);
  }
}

/** Writes `durationS` seconds of one worker to a CSV file (gzipped when the path ends in .gz). */
export async function writeWorkerRecording(
  path: string,
  worker: SyntheticWorker,
  options: WriteWorkerOptions,
): Promise<void> {
  const writer = createRecordingWriter(path);
  try {
    await appendWorker(writer, worker, options);
  } finally {
    await writer.close();
  }
}
