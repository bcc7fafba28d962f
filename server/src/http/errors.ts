import type { ApiError } from '@haltung/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InfluxError } from '../storage/influx-client.js';

/** An answer with a 4xx status, a stable `code` and a message that says what to change. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
};

/**
 * Every error becomes `{error, code, statusCode}`. Client errors say what was wrong; 5xx answers
 * never show internal text (InfluxDB messages, stack traces), which only goes to the log.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: ApiError;
    if (error instanceof HttpError) {
      body = { error: error.message, code: error.code, statusCode: error.statusCode };
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const issuePath = (v.params as { issue?: { path?: PropertyKey[] } }).issue?.path;
        const path = issuePath?.length
          ? issuePath.map(String).join('.')
          : v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return `${error.validationContext ?? 'request'}${path ? `.${path}` : ''}: ${v.message}`;
      });
      body = { error: `invalid request: ${issues.join('; ')}`, code: 'VALIDATION', statusCode: 400 };
    } else if (error instanceof InfluxError) {
      request.log.error({ err: error }, 'database call failed');
      body = {
        error: 'the database is unavailable, try again later',
        code: 'DATABASE_UNAVAILABLE',
        statusCode: 503,
      };
    } else if (error.statusCode === 429) {
      body = { error: error.message, code: 'RATE_LIMITED', statusCode: 429 };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code = FASTIFY_CODES[error.code] ?? 'BAD_REQUEST';
      body = { error: error.message, code, statusCode: error.statusCode };
    } else {
      request.log.error({ err: error }, 'unexpected error');
      body = { error: 'internal server error', code: 'INTERNAL', statusCode: 500 };
    }
    reply.status(body.statusCode).send(body);
  });
}
