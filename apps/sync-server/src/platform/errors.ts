import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { AppEnv } from './context.ts';
import { type FieldError, ProblemError } from './problem.ts';

/** Fields the server owns: a client that sends one gets told so by name, not "unrecognized key". */
const serverOwned = new Set(['id', 'status', 'tenant_id', 'created_at', 'updated_at']);

export function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

/** Turns zod's issues into the problem+json `errors` list, one entry per offending field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: pathOf([...issue.path, key]),
          message: serverOwned.has(key) ? 'is set by the server and cannot be sent' : 'is not a known field',
        });
      }
    } else {
      out.push({ path: pathOf(issue.path) || '(body)', message: issue.message });
    }
  }
  return out;
}

export function validationProblem(where: string, issues: readonly z.core.$ZodIssue[]): ProblemError {
  const errors = fieldErrors(issues);
  const first = errors[0];
  const detail = first ? `${first.path} ${first.message}` : `the ${where} is not valid`;
  return new ProblemError(400, 'validation_failed', detail, { errors });
}

export function problemResponse(c: Context<AppEnv>, problem: ProblemError): Response {
  const requestId = c.get('requestId') ?? 'req_unknown';
  const res = c.json(problem.toJSON(requestId), problem.status, {
    'Content-Type': 'application/problem+json',
    ...problem.headers,
  });
  return res;
}

/** The one error handler: every failure leaves the API as problem+json, and only real bugs are 500s. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ProblemError) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    // Hono's own validators raise these for bodies that are not JSON at all.
    const status = error.status;
    const code =
      status === 400
        ? 'malformed_request'
        : status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : 'http_error';
    const detail =
      status === 400 && /json/i.test(error.message)
        ? 'the request body is not valid JSON'
        : status === 415
          ? 'send the body as Content-Type: application/json'
          : error.message;
    return problemResponse(c, new ProblemError(status as 400, code, detail || 'request failed'));
  }
  if (error instanceof SyntaxError) {
    return problemResponse(c, new ProblemError(400, 'malformed_request', 'the request body is not valid JSON'));
  }
  c.get('deps')?.logger.error({ err: error, request_id: c.get('requestId') }, 'unhandled error');
  return problemResponse(
    c,
    new ProblemError(500, 'internal_error', 'an unexpected error occurred; it has been logged'),
  );
};
