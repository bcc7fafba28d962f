import { hotspotQuerySchema, rangeQuerySchema, trendQuerySchema } from '@haltung/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READ_ROLES } from '../http/auth.js';
import { computeHotspots, computeSummary, computeTrends } from './compute.js';
import type { AppContext } from './context.js';
import { hotspotsCsv, summaryCsv, trendsCsv } from './csv.js';

const security = [{ bearer: [] }];
const csvBody = { 200: z.string().describe('text/csv; suppressed cells read "suppressed:<reason>"') };

function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(body);
}

/** CSV of the same protected answers as the JSON routes (same suppression and noise). */
export function exportRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { roles: READ_ROLES };
    r.get(
      '/export/trends.csv',
      { config, schema: { tags: ['export'], security, querystring: trendQuerySchema, response: csvBody } },
      async (req, reply) => sendCsv(reply, 'trends', trendsCsv(await computeTrends(ctx, req.query))),
    );
    r.get(
      '/export/hotspots.csv',
      { config, schema: { tags: ['export'], security, querystring: hotspotQuerySchema, response: csvBody } },
      async (req, reply) => sendCsv(reply, 'hotspots', hotspotsCsv(await computeHotspots(ctx, req.query))),
    );
    r.get(
      '/export/summary.csv',
      { config, schema: { tags: ['export'], security, querystring: rangeQuerySchema, response: csvBody } },
      async (req, reply) => sendCsv(reply, 'summary', summaryCsv(await computeSummary(ctx, req.query))),
    );
  };
}
