/**
 * One thread of `simulatedWindowsInParallel`: simulates and windows its share of the workers and
 * posts their streams back, with a message per finished worker for the progress line.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type PortablePlan, simulatedWindows } from './simulated-streams.js';

const { plan } = workerData as { plan: PortablePlan };
const calibrated = new Set(plan.calibrated ?? []);
const { calibrated: _, ...rest } = plan;
const streams = simulatedWindows({ ...rest, calibrates: (i) => calibrated.has(i) }, () => {
  parentPort?.postMessage({ kind: 'worker' });
});
parentPort?.postMessage({ kind: 'done', streams });
