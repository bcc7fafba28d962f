import { z } from 'zod';
import { ROLES } from './api.js';

/**
 * Additions to the server contract (api.ts stays as it is).
 * `GET /api/v1/me`: which role account the presented API token belongs to, so a client can show
 * only what that role may use. `name` is the token's role-account name, never a worker.
 */
export const meResponseSchema = z.object({ name: z.string(), role: z.enum(ROLES) });
export type MeResponse = z.infer<typeof meResponseSchema>;
