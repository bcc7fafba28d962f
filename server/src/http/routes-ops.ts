import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../api/context.js';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  mqtt: z.enum(['connected', 'disconnected']),
  database: z.enum(['ok', 'unreachable']),
  /** False until the open cells have been reloaded and ingest runs. */
  ingesting: z.boolean(),
  spoolBytes: z.number(),
  pendingCells: z.number(),
});
export type Health = z.infer<typeof healthSchema>;

export async function health(ctx: AppContext): Promise<Health> {
  const dbUp = (await ctx.influx.ping()) && ctx.sink.influxHealthy && ctx.state.dbReady;
  const mqttUp = ctx.ingest.connected;
  const ingesting = ctx.sink.ready;
  return {
    status: dbUp && mqttUp && ingesting ? 'ok' : 'degraded',
    mqtt: mqttUp ? 'connected' : 'disconnected',
    database: dbUp ? 'ok' : 'unreachable',
    ingesting,
    spoolBytes: ctx.sink.spooledBytes,
    pendingCells: ctx.sink.pendingCells,
  };
}

/** `/healthz` (broker and database state; 503 when degraded) and `/metrics` (Prometheus text). */
export function opsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/healthz',
      { schema: { tags: ['ops'], response: { 200: healthSchema, 503: healthSchema } } },
      async (_request, reply) => {
        const h = await health(ctx);
        return reply.status(h.status === 'ok' ? 200 : 503).send(h);
      },
    );
    r.get('/metrics', { schema: { tags: ['ops'], hide: true } }, async (_request, reply) =>
      reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.render()),
    );
  };
}
