import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { ProblemError } from '../../platform/problem.ts';
import { ProblemSchema } from '../../platform/schemas.ts';
import { FILES_PATH_PREFIX, MAX_BLOB_URL_LIFETIME_SECONDS, verifyBlobUrl } from '../../platform/signed-urls.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Documentation only: the handler below reads the raw URL, since the key may contain slashes. */
export const filesRoute = createRoute({
  method: 'get',
  path: '/files/{key}',
  servers: [{ url: '/v1', description: 'Signed file URLs live outside /v1/fulfillment' }],
  tags: ['Files'],
  summary: 'A label, manifest, export or QC photo, through a signed URL',
  description: [
    'No bearer token: the signature is the credential. The API hands these URLs out ready-made (`/v1/files/<key>?expires=<unix>&sig=<hex>`); clients use them as given and never build one.',
    `\`sig\` is the hex HMAC-SHA256 of \`"<key>\\n<expires>"\`; a URL lives at most ${MAX_BLOB_URL_LIFETIME_SECONDS / 86400} days. An expired URL answers 403 \`url_expired\`; a changed key, expiry or signature, or any extra query parameter, 403 \`url_signature_invalid\`. A correctly signed URL whose file has since been deleted answers 404.`,
  ].join('\n\n'),
  security: [],
  request: {
    params: z.object({
      key: z.string().openapi({ description: 'Blob key, may contain `/` (e.g. `acme/labels/sh_123.pdf`)' }),
    }),
    query: z.object({
      expires: z
        .string()
        .regex(/^[0-9]+$/)
        .openapi({ description: 'Unix seconds' }),
      sig: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  },
  responses: {
    200: {
      description:
        'The bytes, with their `Content-Type`, `Content-Disposition: inline` and `Cache-Control: private, max-age=<seconds left>`',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    403: problem('Expired (`url_expired`) or altered (`url_signature_invalid`) URL'),
    404: problem('The file no longer exists'),
  },
});

/** Mounted outside the bearer-token API, like health: whoever holds an unexpired signed URL may read the file. */
export function fileRoutes() {
  return new OpenAPIHono<AppEnv>().get(`${FILES_PATH_PREFIX}*`, async (c) => {
    const { blobs, clock, config } = c.var.deps;
    // The raw path, not the decoded one: keys are URL-safe, so any escape makes the URL one we never signed.
    const url = new URL(c.req.url);
    const key = url.pathname.slice(FILES_PATH_PREFIX.length);
    const names = [...url.searchParams.keys()];
    const exact = names.length === 2 && names.includes('expires') && names.includes('sig');
    const check = exact
      ? verifyBlobUrl(
          config.blobUrlSecret,
          key,
          url.searchParams.get('expires') ?? undefined,
          url.searchParams.get('sig') ?? undefined,
          clock.now(),
        )
      : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) {
      throw check.reason === 'expired'
        ? new ProblemError(403, 'url_expired', 'this file link has expired; ask the API for a new one')
        : new ProblemError(403, 'url_signature_invalid', 'this file link is not one the API issued, or was altered');
    }
    const blob = await blobs.get(key);
    if (!blob) throw new ProblemError(404, 'file_not_found', 'the file this link points to no longer exists');
    const filename = key.slice(key.lastIndexOf('/') + 1);
    return c.body(blob.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': blob.contentType,
      'Content-Length': String(blob.bytes.byteLength),
      'Content-Disposition': `inline; filename="${filename}"`,
      'Cache-Control': `private, max-age=${check.remainingSeconds}`,
      'X-Content-Type-Options': 'nosniff',
      // The link is the credential: do not hand it on to whatever the file links to.
      'Referrer-Policy': 'no-referrer',
    });
  });
}
