export * from './agent-harness.js';
export * from './synthetic-frames.js';
export * from './tcp-forwarder.js';
