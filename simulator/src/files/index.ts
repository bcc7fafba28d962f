export * from './read-recording.js';
export * from './recording.js';
export * from './write-recording.js';
