import type { Decoded } from './errors.js';
import { fail } from './errors.js';
import { decodeImuFrame, type ImuFrame, MAX_IMU_FRAME_BYTES } from './imu-frame.js';
import { decodeImuFrameJson } from './imu-frame-json.js';

/**
 * Decodes whatever arrived on an `imu` topic: JSON when it starts with `{`, binary otherwise.
 * Never throws.
 */
export function decodeImuPayload(payload: Uint8Array): Decoded<ImuFrame> {
  if (payload.byteLength === 0) return fail('EMPTY', 'empty payload');
  if (payload[0] === 0x7b) {
    if (payload.byteLength > MAX_IMU_FRAME_BYTES * 4) {
      return fail(
        'TOO_LARGE',
        `JSON frame is ${payload.byteLength} bytes, the limit is ${MAX_IMU_FRAME_BYTES * 4}`,
      );
    }
    return decodeImuFrameJson(new TextDecoder().decode(payload));
  }
  return decodeImuFrame(payload);
}
