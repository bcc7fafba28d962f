export * from './math/quat.js';
export * from './math/vec3.js';
