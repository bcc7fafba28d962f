import { POSTURE_CLASSES } from '@haltung/protocol';
import { z } from 'zod';

/**
 * The model card summary shown on the transparency page. Not part of @haltung/protocol yet, so
 * it is declared here; the server may serve it at API_PATHS.modelCard.
 */
export const modelCardSchema = z.object({
  modelVersion: z.string(),
  classes: z.array(z.string()),
  /** Overall accuracy 0..1 on held-out subjects, or null when not yet evaluated. */
  accuracy: z.number().min(0).max(1).nullable(),
  /** Accuracy of the worst held-out subject, 0..1, when known. */
  worstSubjectAccuracy: z.number().min(0).max(1).nullable().optional(),
  limits: z.array(z.string()),
  source: z.string(),
});
export type ModelCard = z.infer<typeof modelCardSchema>;

/** Shown when the server offers no model card: what is known without an evaluation run. */
export const BUNDLED_MODEL_CARD: ModelCard = {
  modelVersion: 'unknown',
  classes: [...POSTURE_CLASSES],
  accuracy: null,
  worstSubjectAccuracy: null,
  limits: [
    'A trunk or waist sensor alone cannot tell squatting from kneeling.',
    'Overhead work is only recognised with an upper-arm sensor.',
    'Trained on the UCI HAPT waist recordings (30 adults) and synthetic workers; other body types and tasks may be recognised less well.',
    'Warnings are advisory: the wearer can acknowledge or snooze them.',
  ],
  source: 'bundled summary (the server offers no model card)',
};
