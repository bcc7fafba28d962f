import { z } from 'zod';

/** Retained on `haltung/v1/status/<component>`; also the MQTT last will (state `offline`). */
export const statusSchema = z
  .object({
    v: z.literal(1),
    component: z.string().max(64),
    state: z.enum(['online', 'degraded', 'offline']),
    tMs: z.number().nonnegative(),
    detail: z.string().max(256).optional(),
  })
  .strict();
export type Status = z.infer<typeof statusSchema>;
