export * from './files/index.js';
export * from './types.js';
