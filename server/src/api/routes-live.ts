import { siteIdSchema } from '@haltung/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READ_ROLES } from '../http/auth.js';
import { readCells } from '../storage/read-cells.js';
import { liveAnswer } from './answers.js';
import { type AppContext, protectorOf } from './context.js';

/**
 * The live view: the newest bucket with data (the current one or the one just closed, since
 * devices publish a bucket's summary when it ends), per zone, under the same k as everything else.
 */
export async function liveMessage(ctx: AppContext, siteId: string) {
  const p = await protectorOf(ctx);
  const bucketMs = p.settings.bucketSeconds * 1000;
  const current = Math.floor(ctx.now() / bucketMs) * bucketMs;
  const cells = await readCells(ctx.influx, ctx.config.influx.retentionPolicy, {
    siteId,
    fromMs: current - 2 * bucketMs,
    toMs: current + bucketMs,
  });
  const newest = cells.reduce((m, c) => Math.max(m, Math.floor(c.tMs / bucketMs) * bucketMs), -1);
  const bucketStartMs = newest >= 0 ? newest : current;
  const inBucket = cells.filter((c) => Math.floor(c.tMs / bucketMs) * bucketMs === bucketStartMs);
  return liveAnswer(p, siteId, bucketStartMs, inBucket);
}

export function liveRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/live',
      {
        websocket: true,
        config: { roles: READ_ROLES },
        schema: {
          tags: ['live'],
          description:
            'WebSocket: a liveMessage (protocol) on connect and then periodically. Token by Authorization header or ?token=.',
          querystring: z.object({ site: siteIdSchema, token: z.string().optional() }),
        },
      },
      (socket, request) => {
        const siteId = request.query.site;
        let busy = false;
        const push = async () => {
          if (busy) return;
          busy = true;
          try {
            const message = await liveMessage(ctx, siteId);
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
          } catch (error) {
            request.log.warn({ err: (error as Error).message }, 'live update failed');
            if (socket.readyState === socket.OPEN) {
              socket.send(JSON.stringify({ type: 'error', code: 'DATABASE_UNAVAILABLE' }));
            }
          } finally {
            busy = false;
          }
        };
        const timer = setInterval(push, ctx.config.liveIntervalMs);
        socket.on('close', () => clearInterval(timer));
        socket.on('message', () => {
          // The feed is one-way; anything a client sends only triggers a fresh update.
          void push();
        });
        void push();
      },
    );
  };
}
