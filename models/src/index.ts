export * from './labels/label-map.js';
export * from './metrics/classification-metrics.js';
export * from './runtime/backend.js';
export * from './runtime/model-metadata.js';
export * from './runtime/posture-model.js';
export * from './strain/strain-level.js';
export * from './strain/strain-tracker.js';
