import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { EXPOSURE_ZONES, HAZARD_TYPES, PLACEMENTS, POSTURE_CLASSES, zoneIdSchema } from '@haltung/protocol';
import { z } from 'zod';

const seconds = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();
const countsSchema = z
  .object({
    observedSeconds: seconds,
    postureSeconds: z.partialRecord(z.enum(POSTURE_CLASSES), seconds),
    exposureSeconds: z.partialRecord(z.enum(EXPOSURE_ZONES), seconds),
    hazards: z.partialRecord(z.enum(HAZARD_TYPES), z.object({ warning: count, high: count }).strict()),
    lifts: z.object({ total: count, stooped: count }).strict(),
    acks: count,
    snoozes: count,
  })
  .strict();

const unit = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
const keptCalibrationSchema = z.object({ upright: unit, forward: unit.nullable() }).strict();
/** A sensor's calibrated upright (and forward) direction in its own frame. */
export type KeptCalibration = z.infer<typeof keptCalibrationSchema>;

const heldDeviceSchema = z
  .object({
    deviceId: z.string().min(1).max(128),
    /** The device's latest sample time and the wall time it was last heard, ms. */
    latestTMs: z.number().finite(),
    lastSeenMs: z.number().finite(),
    /** Buckets starting before this were already published for this device (null: none yet). */
    closedBeforeMs: z.number().nullable(),
    buckets: z.array(
      z
        .object({
          zoneId: zoneIdSchema,
          bucketStartMs: z.number().int().nonnegative(),
          bucketSeconds: z.number().int().positive(),
          counts: countsSchema,
        })
        .strict(),
    ),
    /** Calibrations the wearer made, per sensor placement (so a restart does not undo them). */
    calibrations: z.array(keptCalibrationSchema.extend({ placement: z.enum(PLACEMENTS) })).optional(),
  })
  .strict();

const heldFileSchema = z
  .object({ v: z.literal(1), savedAtMs: z.number(), devices: z.array(heldDeviceSchema) })
  .strict();

/** One device's open (zone, bucket) counts, kept on the edge's disk across a restart. */
export type HeldDevice = z.infer<typeof heldDeviceSchema>;

const FILE = 'open-buckets.json';

/**
 * The open buckets of every device, written at a planned stop and read back at the next start, so
 * a restart in the middle of a bucket still gives one summary per device and (zone, bucket) — two
 * partial ones would count one worker twice towards k. The file holds device ids: it never leaves
 * the edge (mode 0600, in the agent's data directory) and is removed once read.
 */
export function writeHeldBuckets(dataDir: string, devices: readonly HeldDevice[], nowMs: number): void {
  const path = join(dataDir, FILE);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify({ v: 1, savedAtMs: nowMs, devices }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export type HeldRead =
  | { ok: true; devices: HeldDevice[] }
  | { ok: false; error: string; movedTo: string | null };

/**
 * Reads and removes the held buckets. No file: nothing held. A damaged file is moved aside (kept
 * for inspection, never read again) and reported, so the agent starts anyway.
 */
export function takeHeldBuckets(dataDir: string): HeldRead {
  const path = join(dataDir, FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, devices: [] };
    return { ok: false, error: `cannot read ${path}: ${(error as Error).message}`, movedTo: null };
  }
  let parsed: z.ZodSafeParseResult<z.infer<typeof heldFileSchema>>;
  try {
    parsed = heldFileSchema.safeParse(JSON.parse(text));
  } catch (error) {
    return moveAside(path, `not JSON: ${(error as Error).message}`);
  }
  if (!parsed.success) return moveAside(path, z.prettifyError(parsed.error));
  rmSync(path);
  return { ok: true, devices: parsed.data.devices };
}

function moveAside(path: string, error: string): HeldRead {
  const movedTo = `${path}.bad-${Date.now()}`;
  renameSync(path, movedTo);
  return { ok: false, error: `${path}: ${error}`, movedTo };
}
