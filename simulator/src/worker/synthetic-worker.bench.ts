import type { Placement } from '@haltung/protocol';
import type { TaskName } from '../types.js';
import { createSyntheticWorker } from './synthetic-worker.js';

/**
 * Samples generated per second on one core (one sample = one instant of one worker, for every
 * placement it wears). Target: 1,000 workers at 50 Hz in real time = 50,000 samples/s.
 */
export default async function bench() {
  const cases: Array<{ name: string; placements: Placement[]; task: TaskName }> = [
    { name: 'trunk only', placements: ['trunk'], task: 'mixed' },
    { name: 'trunk + upper arm', placements: ['trunk', 'upper_arm_right'], task: 'mixed' },
    {
      name: 'all four placements',
      placements: ['trunk', 'pelvis', 'upper_arm_left', 'upper_arm_right'],
      task: 'mixed',
    },
  ];
  const out = [];
  // Warm the JIT on every code path once, so the first case is not penalised.
  for (let seed = 0; seed < 4; seed++) {
    createSyntheticWorker({
      seed,
      sampleRateHz: 50,
      placements: cases[2]?.placements ?? ['trunk'],
      task: 'mixed',
    }).next(20_000);
  }
  for (const c of cases) {
    const workers = Array.from({ length: 50 }, (_, seed) =>
      createSyntheticWorker({ seed, sampleRateHz: 50, placements: c.placements, task: c.task }),
    );
    // Warm up the JIT, then measure 2 minutes of 50 workers in 1-s blocks (as a fleet would).
    for (const w of workers) w.next(500);
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let samples = 0;
    for (let s = 0; s < 120; s++) {
      for (const w of workers) samples += w.next(50).count;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    // CPU time, not wall time: on a shared machine the wall clock also counts other processes.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    out.push({
      name: `synthetic worker samples per CPU-second, ${c.name}, 50 Hz`,
      value: Math.round(samples / cpuSeconds),
      unit: 'samples/s',
      higherIsBetter: true,
      target: 50_000,
      details: {
        workers: workers.length,
        samples,
        cpuSeconds,
        wallSeconds: seconds,
        wallSamplesPerS: Math.round(samples / seconds),
        placements: c.placements,
      },
    });
  }
  return out;
}
