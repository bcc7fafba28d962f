export { OVERHEAD_FROM_DEG, STOOP_FROM_DEG } from './posture-of.js';
export { createSyntheticWorker, NO_TRANSITION } from './synthetic-worker.js';
export { type LabelKind, truthLabels } from './worker-labels.js';
export { appendWorker, type WriteWorkerOptions, writeWorkerRecording } from './write-worker.js';
