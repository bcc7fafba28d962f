import { apiErrorSchema } from '@haltung/protocol';

/** Stable codes the views map to a message that says what to do. */
export type ApiErrorKind = 'unauthorized' | 'forbidden' | 'not_found' | 'network' | 'bad_response' | 'server';

/** A failed API call, with the path and the server's code so the cause can be found. */
export class ApiRequestError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly path: string,
    message: string,
    readonly status?: number,
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiRequestError';
  }
}

/** Turns an HTTP error answer into an ApiRequestError, using the server's error body when it has one. */
export async function errorFromResponse(path: string, response: Response): Promise<ApiRequestError> {
  const kind: ApiErrorKind =
    response.status === 401
      ? 'unauthorized'
      : response.status === 403
        ? 'forbidden'
        : response.status === 404
          ? 'not_found'
          : 'server';
  let message = `${response.status} ${response.statusText}`.trim();
  let code: string | undefined;
  try {
    const body = apiErrorSchema.safeParse(await response.json());
    if (body.success) {
      message = body.data.error;
      code = body.data.code;
    }
  } catch {
    // Not JSON (a proxy's error page, say): keep the status line.
  }
  return new ApiRequestError(kind, path, `${path}: ${message}`, response.status, code);
}
