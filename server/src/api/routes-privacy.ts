import {
  auditResponseSchema,
  meResponseSchema,
  type PrivacyResponse,
  privacyResponseSchema,
  settingsUpdateSchema,
  summarySchema,
} from '@haltung/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isTimeZone } from '../config/config-schema.js';
import { ADMIN_ROLES, AUDIT_ROLES, READ_ROLES } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { readModelVersion } from '../storage/read-cells.js';
import type { AppContext } from './context.js';

const security = [{ bearer: [] }];

/** What never leaves the wearable's edge agent (privacy.md), for the transparency page. */
export const STAYS_ON_EDGE = [
  'imu_samples',
  'orientation',
  'model_scores',
  'device_id',
  'worker_id',
  'mac_address',
  'name',
  'phone_number',
  'individual_warnings',
];

async function privacyAnswer(ctx: AppContext): Promise<PrivacyResponse> {
  await ctx.settings.load();
  return {
    settings: ctx.settings.current,
    modelVersion: await readModelVersion(
      ctx.influx,
      ctx.config.influx.retentionPolicy,
      ctx.settings.current.k,
    ),
    leavesEdge: Object.keys(summarySchema.shape),
    staysOnEdge: STAYS_ON_EDGE,
  };
}

/** Privacy settings (every role), their audited change (admin) and the audit log (works council, admin). */
export function privacyRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/me',
      {
        config: { roles: READ_ROLES },
        schema: { tags: ['privacy'], security, response: { 200: meResponseSchema } },
      },
      (request) => {
        if (!request.principal) throw new HttpError(401, 'UNAUTHORIZED', 'missing API token');
        return request.principal;
      },
    );
    r.get(
      '/privacy',
      {
        config: { roles: READ_ROLES },
        schema: { tags: ['privacy'], security, response: { 200: privacyResponseSchema } },
      },
      () => privacyAnswer(ctx),
    );
    r.put(
      '/settings',
      {
        config: { roles: ADMIN_ROLES },
        schema: {
          tags: ['privacy'],
          security,
          description: 'Change privacy settings (admin only); every change is written to the audit log.',
          body: settingsUpdateSchema,
          response: { 200: privacyResponseSchema },
        },
      },
      async (request) => {
        if (request.body.timeZone !== undefined && !isTimeZone(request.body.timeZone)) {
          throw new HttpError(
            400,
            'VALIDATION',
            `timeZone: unknown IANA time zone ${JSON.stringify(request.body.timeZone)}`,
          );
        }
        const who = request.principal;
        if (!who) throw new HttpError(401, 'UNAUTHORIZED', 'missing API token');
        const entry = await ctx.settings.update(request.body, who.name, who.role);
        if (entry) request.log.info({ actor: who.name, change: entry.change }, 'privacy settings changed');
        return privacyAnswer(ctx);
      },
    );
    r.get(
      '/audit',
      {
        config: { roles: AUDIT_ROLES },
        schema: { tags: ['privacy'], security, response: { 200: auditResponseSchema } },
      },
      async () => ({ entries: await ctx.settings.auditLog() }),
    );
  };
}
