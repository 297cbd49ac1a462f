import type { FieldError } from '../../platform/problem.ts';
import { ProblemError, unprocessable } from '../../platform/problem.ts';

/**
 * 409 for a unique code, badge or barcode already held by a live record, naming the offending fields
 * as validation errors do: in a batch of 500 bins the client must learn which ones clash.
 */
export function taken(code: string, errors: FieldError[]): ProblemError {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ProblemError(409, code, `${first.path} ${first.message}${more}`, { errors });
}

/** 422 for an id in the body that names nothing usable in this warehouse. */
export function badReference(code: string, errors: FieldError[]): ProblemError {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return unprocessable(code, `${first.path} ${first.message}${more}`, errors);
}
