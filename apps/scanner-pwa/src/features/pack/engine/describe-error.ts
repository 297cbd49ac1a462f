import { ApiError, NetworkError } from '../../../lib/api-client.ts';

/** A failed read in a few words for the packer: offline, not allowed, or what the server said. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return 'no connection to the server';
  if (error instanceof ApiError) {
    if (error.status === 401) return 'your sign-in has expired: scan your badge again';
    if (error.status === 403) return 'your role may not do this';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
