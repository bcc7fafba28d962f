export { deviceIdFor, toDeviceId } from './device-ids.js';
export { ImuRecorder, type RecordOptions, type RecordStats } from './record.js';
export { type RecordingFrame, recordingFrames } from './recording-frames.js';
export {
  loadReplaySources,
  type ReplayOptions,
  type ReplaySource,
  type ReplayStats,
  replayRecordings,
} from './replay.js';
