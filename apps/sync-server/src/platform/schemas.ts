import { z } from '@hono/zod-openapi';

/** Response-side schemas shared by every route's documentation. Request schemas live in @fulfillment/domain. */

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    request_id: z.string(),
  })
  .openapi('Problem');

export const resourceBase = {
  created_at: z.string().openapi({ example: '2025-08-29T12:00:00.000Z' }),
  updated_at: z.string().openapi({ example: '2025-08-29T12:15:00.000Z' }),
  version: z.number().int().openapi({ example: 1 }),
  metadata: z.record(z.string(), z.unknown()),
};

export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name);

/** A path parameter. Its shape is checked loosely: a malformed id is simply not found (404). */
export const pathParams = <const K extends string>(...names: K[]) =>
  z.object(
    Object.fromEntries(
      names.map((name) => [
        name,
        z
          .string()
          .min(1)
          .max(100)
          .openapi({ param: { name, in: 'path' } }),
      ]),
    ) as Record<K, z.ZodString>,
  );

/** A query filter taking one value of `values` or several separated by commas (`?status=a,b`). */
export const commaSeparatedEnum = <const T extends string>(values: readonly T[], example: string) =>
  z
    .string()
    .max(300)
    .transform((s, ctx) => {
      const given = s.split(',').map((v) => v.trim());
      const bad = given.filter((v) => !(values as readonly string[]).includes(v));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')}; one of ${values.join(', ')}` });
        return z.NEVER;
      }
      return given as T[];
    })
    .openapi({ description: 'One status or several separated by commas.', example, type: 'string' });
