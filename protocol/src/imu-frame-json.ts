import { z } from 'zod';
import { type Decoded, fail, ok } from './errors.js';
import { type ImuFrame, MAX_SAMPLES_PER_FRAME } from './imu-frame.js';
import { PLACEMENTS } from './vocabulary.js';

/**
 * The JSON form of an IMU frame, for debugging with `mosquitto_pub` and for humans reading a
 * capture. Samples are `[ax, ay, az, gx, gy, gz]` (m/s², rad/s) or `[ax, ay, az]` without a gyroscope.
 */
export const imuFrameJsonSchema = z
  .object({
    v: z.literal(1),
    placement: z.enum(PLACEMENTS),
    sampleRateHz: z.number().min(1).max(1000),
    t0Ms: z.number().nonnegative(),
    seq: z.number().int().min(0).max(0xffffffff),
    samples: z
      .array(z.union([z.tuple([z.number(), z.number(), z.number()]), z.array(z.number()).length(6)]))
      .min(1)
      .max(MAX_SAMPLES_PER_FRAME),
  })
  .strict();
export type ImuFrameJson = z.infer<typeof imuFrameJsonSchema>;

export function imuFrameToJson(frame: ImuFrame): ImuFrameJson {
  const samples: number[][] = [];
  for (let i = 0; i < frame.count; i++) {
    const a = Array.from(frame.acc.subarray(i * 3, i * 3 + 3));
    samples.push(frame.gyro ? [...a, ...Array.from(frame.gyro.subarray(i * 3, i * 3 + 3))] : a);
  }
  return {
    v: 1,
    placement: frame.placement,
    sampleRateHz: frame.sampleRateHz,
    t0Ms: frame.t0Ms,
    seq: frame.seq,
    samples: samples as ImuFrameJson['samples'],
  };
}

/** Parses the JSON form (text or already-parsed value); never throws. */
export function decodeImuFrameJson(input: string | unknown): Decoded<ImuFrame> {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail('BAD_JSON', `not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = imuFrameJsonSchema.safeParse(value);
  if (!parsed.success) return fail('SCHEMA', z.prettifyError(parsed.error));
  const { samples } = parsed.data;
  const hasGyro = samples[0]?.length === 6;
  if (samples.some((s) => (s.length === 6) !== hasGyro)) {
    return fail('SCHEMA', 'samples mix 3-value and 6-value rows: a frame has a gyroscope or not');
  }
  const count = samples.length;
  const acc = new Float32Array(count * 3);
  const gyro = hasGyro ? new Float32Array(count * 3) : null;
  for (let i = 0; i < count; i++) {
    const s = samples[i] as number[];
    for (let axis = 0; axis < 3; axis++) {
      acc[i * 3 + axis] = s[axis] as number;
      if (gyro) gyro[i * 3 + axis] = s[axis + 3] as number;
    }
  }
  const { placement, sampleRateHz, t0Ms, seq } = parsed.data;
  return ok({ placement, sampleRateHz, t0Ms, seq, count, acc, gyro });
}
