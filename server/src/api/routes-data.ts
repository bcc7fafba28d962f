import {
  hotspotQuerySchema,
  hotspotsResponseSchema,
  periodSummaryResponseSchema,
  rangeQuerySchema,
  sitesResponseSchema,
  trendQuerySchema,
  trendsResponseSchema,
} from '@haltung/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { READ_ROLES } from '../http/auth.js';
import { readSites } from '../storage/read-cells.js';
import { computeHotspots, computeSummary, computeTrends } from './compute.js';
import type { AppContext } from './context.js';

const security = [{ bearer: [] }];

/** Sites, trends, hot spots and period summaries: read roles, every figure k-protected. */
export function dataRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/sites',
      {
        config: { roles: READ_ROLES },
        schema: { tags: ['data'], security, response: { 200: sitesResponseSchema } },
      },
      async () => {
        const sites = await readSites(ctx.influx, ctx.config.influx.retentionPolicy);
        return {
          sites: [...sites]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([siteId, zones]) => ({ siteId, zones: [...zones].sort() })),
        };
      },
    );
    r.get(
      '/trends',
      {
        config: { roles: READ_ROLES },
        schema: {
          tags: ['data'],
          security,
          description: 'Warnings, worker-hours and rate per zone and hazard over time.',
          querystring: trendQuerySchema,
          response: { 200: trendsResponseSchema },
        },
      },
      (request) => computeTrends(ctx, request.query),
    );
    r.get(
      '/hotspots',
      {
        config: { roles: READ_ROLES },
        schema: {
          tags: ['data'],
          security,
          description: 'Zone × hour of day (or weekday) in the configured time zone.',
          querystring: hotspotQuerySchema,
          response: { 200: hotspotsResponseSchema },
        },
      },
      (request) => computeHotspots(ctx, request.query),
    );
    r.get(
      '/summary',
      {
        config: { roles: READ_ROLES },
        schema: {
          tags: ['data'],
          security,
          description: 'Rates per worker-hour by zone and hazard, with the previous period of equal length.',
          querystring: rangeQuerySchema,
          response: { 200: periodSummaryResponseSchema },
        },
      },
      (request) => computeSummary(ctx, request.query),
    );
  };
}
