import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.js';

/**
 * Serves the dashboard's built files from `dir` when it exists, with the SPA fallback: any other
 * GET that accepts HTML gets index.html. API paths keep their JSON 404.
 */
export async function registerDashboard(app: FastifyInstance, dir: string | null): Promise<void> {
  const hasDashboard = dir !== null && existsSync(join(dir, 'index.html'));
  if (hasDashboard) await app.register(fastifyStatic, { root: dir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    if (hasDashboard && !isApi && request.method === 'GET' && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    throw new HttpError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
}
