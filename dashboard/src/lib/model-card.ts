import { type ModelCardResponse, POSTURE_CLASSES } from '@haltung/protocol';
import { z } from 'zod';

/**
 * The model card summary shown on the transparency page: the server's `GET /api/v1/model`
 * (`modelCardResponseSchema` in @haltung/protocol) reduced to what the page shows.
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

/** `source` of the bundled card; its texts are translated by the dashboard (modelCard.* keys). */
export const BUNDLED_SOURCE = 'bundled';
export const BUNDLED_LIMIT_KEYS = ['limitSquatKneel', 'limitOverhead', 'limitData', 'limitAdvisory'] as const;

/**
 * Shown when the server offers no model card: what is known without an evaluation run. The model
 * version then comes from the privacy answer; the accuracy stays unpublished rather than guessed.
 */
export const BUNDLED_MODEL_CARD: ModelCard = {
  modelVersion: '',
  classes: [...POSTURE_CLASSES],
  accuracy: null,
  worstSubjectAccuracy: null,
  limits: [],
  source: BUNDLED_SOURCE,
};

/**
 * The figures the transparency page shows, from the server's card: macro-F1 on real people never
 * seen in training (leave-subjects-out on UCI HAPT) and that of the worst such person.
 */
export function fromServerCard(card: ModelCardResponse): ModelCard {
  const m = card.metrics;
  return {
    modelVersion: card.modelVersion,
    classes: card.classes,
    accuracy: m.haptCrossValidationMacroF1 ?? null,
    worstSubjectAccuracy: m.haptCrossValidationWorstSubjectMacroF1 ?? null,
    limits: card.limits,
    source: card.source.data.join('; ') || card.source.files.join(', '),
  };
}
