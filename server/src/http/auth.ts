import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '@haltung/protocol';
import type { FastifyRequest } from 'fastify';
import type { ApiToken } from '../config/config-schema.js';
import { HttpError } from './errors.js';

export interface Principal {
  name: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Roles allowed on the route; absent means public. */
    roles?: readonly Role[];
  }
}

export const READ_ROLES: readonly Role[] = ['safety_officer', 'works_council', 'admin'];
export const AUDIT_ROLES: readonly Role[] = ['works_council', 'admin'];
export const ADMIN_ROLES: readonly Role[] = ['admin'];

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Finds the caller's role from `Authorization: Bearer <token>` (or `?token=` on WebSocket upgrades). */
export function authenticator(tokens: readonly ApiToken[]) {
  const known = tokens.map((t) => ({ ...t, digest: digest(t.token) }));
  return async (request: FastifyRequest): Promise<void> => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const header = request.headers.authorization;
    let presented: string | undefined;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new HttpError(401, 'UNAUTHORIZED', 'Authorization header must be "Bearer <token>"');
      presented = m[1];
    } else if (request.headers.upgrade?.toLowerCase() === 'websocket') {
      // Browsers cannot set headers on a WebSocket, so the live feed also takes ?token=.
      presented = (request.query as { token?: string } | undefined)?.token;
    }
    if (!presented)
      throw new HttpError(401, 'UNAUTHORIZED', 'missing API token (Authorization: Bearer <token>)');
    const d = digest(presented);
    const match = known.find((t) => timingSafeEqual(t.digest, d));
    if (!match) throw new HttpError(401, 'UNAUTHORIZED', 'unknown API token');
    if (!roles.includes(match.role)) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `role ${match.role} may not do this; needs one of: ${roles.join(', ')}`,
      );
    }
    request.principal = { name: match.name, role: match.role };
  };
}
