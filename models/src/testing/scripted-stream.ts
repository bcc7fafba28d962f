import type { Placement } from '@haltung/protocol';
import { POSTURE_CLASSES } from '@haltung/protocol';
import { createSyntheticWorker, NO_TRANSITION, type TaskStep } from '@haltung/simulator';
import type { SensorStream } from '../data/recording-windows.js';

/**
 * A labelled stream of one synthetic worker following `script` (for tests): labels are the true
 * posture classes (`transition` while the base posture changes), series `trueFlexionDeg` the true
 * trunk flexion.
 */
export function scriptedStream(options: {
  seed: number;
  script: readonly TaskStep[];
  seconds: number;
  placement?: Placement;
  sampleRateHz?: number;
}): SensorStream {
  const placement = options.placement ?? 'trunk';
  const rate = options.sampleRateHz ?? 50;
  const worker = createSyntheticWorker({
    seed: options.seed,
    sampleRateHz: rate,
    placements: [placement],
    task: options.script,
  });
  const block = worker.next(Math.round(options.seconds * rate));
  const sensor = block.sensors[placement];
  if (!sensor) throw new Error(`no ${placement} data`);
  const labels = Array.from(block.truth.posture, (p, i) =>
    block.truth.transitionFrom[i] !== NO_TRANSITION ? 'transition' : (POSTURE_CLASSES[p] as string),
  );
  return {
    count: block.count,
    tMs: block.tMs,
    acc: sensor.acc,
    gyro: sensor.gyro,
    labels,
    series: { trueFlexionDeg: block.truth.trunkFlexionDeg },
  };
}
