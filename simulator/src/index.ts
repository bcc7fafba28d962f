export * from './files/index.js';
export * from './types.js';
export * from './worker/index.js';
