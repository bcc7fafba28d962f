import { z } from 'zod';
import { type Decoded, fail, ok } from './errors.js';
import { HAZARD_TYPES, SEVERITIES } from './vocabulary.js';

/**
 * Vibration patterns the wearable plays (Lins 2018: 2–3 pulses of ~150 ms are noticed and not
 * startling). `escalate` is for a warning that goes on.
 */
export const VIBRATION_PATTERNS = {
  gentle: { pulses: 2, pulseMs: 150, gapMs: 150 },
  firm: { pulses: 3, pulseMs: 150, gapMs: 100 },
  escalate: { pulses: 3, pulseMs: 400, gapMs: 150 },
} as const;
export type VibrationPattern = keyof typeof VIBRATION_PATTERNS;

const paramValue = z.union([z.number().finite(), z.string().max(64)]);

/**
 * Edge → wearable warning, on the device's own `feedback` topic only. The text is not sent: the
 * wearable renders `messageKey` with `params` in the worker's language (see feedback-messages.ts).
 */
export const warningSchema = z
  .object({
    v: z.literal(1),
    kind: z.literal('warning'),
    /** Unique per warning, so the worker can acknowledge exactly this one. */
    warningId: z.string().min(1).max(64),
    /** When the warning was raised, ms since the Unix epoch (sensor clock). */
    tMs: z.number().nonnegative(),
    hazard: z.enum(HAZARD_TYPES),
    severity: z.enum(SEVERITIES),
    vibration: z.enum(Object.keys(VIBRATION_PATTERNS) as [VibrationPattern, ...VibrationPattern[]]),
    messageKey: z.string().regex(/^[a-z_.]{1,64}$/),
    params: z.record(z.string().regex(/^[a-zA-Z]{1,32}$/), paramValue),
    /** Why: which measure, how long it was held, and which limit it crossed. */
    reason: z
      .object({
        measure: z.enum([
          'trunk_flexion',
          'trunk_twist',
          'trunk_side_bend',
          'arm_elevation',
          'lifts',
          'bends',
        ]),
        value: z.number().finite(),
        unit: z.enum(['deg', 'per_min', 'count']),
        heldS: z.number().nonnegative(),
        limitS: z.number().nonnegative(),
        threshold: z.number().finite(),
        rule: z.string().max(64),
      })
      .strict(),
    /** Time of the hazard's onset, ms since the Unix epoch (for latency measurement). */
    onsetMs: z.number().nonnegative(),
  })
  .strict();
export type Warning = z.infer<typeof warningSchema>;

/**
 * Edge → wearable: the result of a calibration the worker asked for (`done`: the still stance is
 * now the upright reference; `failed`: the worker did not stand still within the time allowed).
 */
export const calibrationResultSchema = z
  .object({
    v: z.literal(1),
    kind: z.literal('calibration'),
    status: z.enum(['done', 'failed']),
    /** When the result was reached, ms since the Unix epoch (sensor clock). */
    tMs: z.number().nonnegative(),
    messageKey: z.enum(['calibration.done', 'calibration.failed']),
  })
  .strict();
export type CalibrationResult = z.infer<typeof calibrationResultSchema>;

/** Everything the edge sends on a device's feedback topic. */
export const feedbackSchema = z.discriminatedUnion('kind', [warningSchema, calibrationResultSchema]);
export type Feedback = z.infer<typeof feedbackSchema>;

/**
 * Wearable → edge: the worker acknowledged a warning, snoozed warnings for a while, or asks to
 * calibrate: they stand up straight, arms hanging, and press the button; the next still stance
 * becomes their upright reference (angles are then against true upright, not their habitual stance).
 */
export const controlSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(1), kind: z.literal('ack'), warningId: z.string().min(1).max(64) }).strict(),
  z
    .object({
      v: z.literal(1),
      kind: z.literal('snooze'),
      /** Seconds (1 s – 1 h); hazards of `hazard` only, or all when absent. */
      durationS: z.number().int().min(1).max(3600),
      hazard: z.enum(HAZARD_TYPES).optional(),
    })
    .strict(),
  z.object({ v: z.literal(1), kind: z.literal('calibrate') }).strict(),
]);
export type ControlMessage = z.infer<typeof controlSchema>;

export const decodeWarning = (input: Uint8Array | string): Decoded<Warning> =>
  decodeJson(input, warningSchema, 4096);
/** A warning or a calibration result from the feedback topic; never throws. */
export const decodeFeedback = (input: Uint8Array | string): Decoded<Feedback> =>
  decodeJson(input, feedbackSchema, 4096);
export const decodeControl = (input: Uint8Array | string): Decoded<ControlMessage> =>
  decodeJson(input, controlSchema, 1024);

/** Bytes or text → schema-checked value; never throws. */
export function decodeJson<T>(
  input: Uint8Array | string,
  schema: z.ZodType<T>,
  maxBytes: number,
): Decoded<T> {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size === 0) return fail('EMPTY', 'empty payload');
  if (size > maxBytes) return fail('TOO_LARGE', `payload is ${size} bytes, limit ${maxBytes}`);
  let value: unknown;
  try {
    value = JSON.parse(typeof input === 'string' ? input : new TextDecoder().decode(input));
  } catch (error) {
    return fail('BAD_JSON', `not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data) : fail('SCHEMA', z.prettifyError(parsed.error));
}
