export * from './files/index.js';
export * from './fleet/index.js';
export { BoundedPublisher } from './mqtt/bounded-publisher.js';
export { connectMqtt, defaultMqttUrl } from './mqtt/connect.js';
export { Pacer } from './mqtt/pacer.js';
export * from './replay/index.js';
export * from './types.js';
export * from './worker/index.js';
