import { modelCardResponseSchema } from '@haltung/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { READ_ROLES } from '../http/auth.js';
import type { AppContext } from './context.js';
import { readModelCard } from './model-card.js';

/** `GET /model`: the shipped posture model's card (every role), read from `modelDir` on each request. */
export function modelRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/model',
      {
        config: { roles: READ_ROLES },
        schema: {
          tags: ['privacy'],
          security: [{ bearer: [] }],
          description: 'Version, classes, evaluation figures and known limits of the shipped posture model.',
          response: { 200: modelCardResponseSchema },
        },
      },
      // Read per request: a retrained model shipped beside a running server shows at once.
      () => readModelCard(ctx.config.modelDir),
    );
  };
}
