import { z } from 'zod';
import { ROLES } from './api.js';

/**
 * Additions to the server contract (api.ts stays as it is).
 * `GET /api/v1/me`: which role account the presented API token belongs to, so a client can show
 * only what that role may use. `name` is the token's role-account name, never a worker.
 */
export const meResponseSchema = z.object({ name: z.string(), role: z.enum(ROLES) });
export type MeResponse = z.infer<typeof meResponseSchema>;

/**
 * `GET /api/v1/model` (every role): the shipped posture model's card, for the transparency page.
 * Read from the model's artifacts (metadata, evaluation report, model card); no personal data.
 */
export const modelCardResponseSchema = z.object({
  /** Semantic version of the shipped model, as the edge agents report it. */
  modelVersion: z.string(),
  /** Posture classes the model tells apart. */
  classes: z.array(z.string()),
  /**
   * Named evaluation figures: F1, accuracy and agreement as 0..1; names ending in `Deg` are degrees.
   * E.g. `haptCrossValidationMacroF1` (real people, leave-subjects-out), `simulatedHeldOutMacroF1`.
   */
  metrics: z.record(z.string(), z.number()),
  /** Known limits in plain words (from the model card). */
  limits: z.array(z.string()),
  source: z.object({
    /** When the model was trained (ISO 8601), if recorded. */
    createdAt: z.string().nullable(),
    /** Artifact files this answer was read from. */
    files: z.array(z.string()),
    /** Training/evaluation data in words. */
    data: z.array(z.string()),
  }),
});
export type ModelCardResponse = z.infer<typeof modelCardResponseSchema>;
