import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldError = { path: string; message: string };

const titles: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/**
 * Every failure the API reports is one of these: handlers throw it, the single `onError` renders it
 * as RFC 9457 problem+json. The `code` is the stable, machine-readable part clients switch on.
 */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  toJSON(requestId: string) {
    return {
      type: `https://errors.fulfillment.dev/${this.code.replaceAll('_', '-')}`,
      title: titles[this.status] ?? 'Error',
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      request_id: requestId,
    };
  }
}

export const badRequest = (code: string, detail: string, errors?: FieldError[]) =>
  new ProblemError(400, code, detail, errors ? { errors } : {});

export const notFound = (what: string, id: string) =>
  new ProblemError(404, 'resource_not_found', `${what} ${id} does not exist`);

export const conflict = (code: string, detail: string) => new ProblemError(409, code, detail);

export const unprocessable = (code: string, detail: string, errors?: FieldError[]) =>
  new ProblemError(422, code, detail, errors ? { errors } : {});

export const forbidden = (detail: string) => new ProblemError(403, 'forbidden', detail);

export const unauthenticated = (detail: string) =>
  new ProblemError(401, 'unauthenticated', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
