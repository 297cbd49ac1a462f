import { z } from 'zod';

/**
 * An array whose items must not repeat (objects: by `field`). The repeat is reported at its own
 * index, and field, so the client is told which entry to fix rather than that "the list" is wrong.
 */
export function distinctArray<T extends z.ZodType>(item: T, max: number, field?: keyof z.output<T> & string) {
  return z
    .array(item)
    .max(max)
    .superRefine((values, ctx) => {
      const seen = new Set<unknown>();
      values.forEach((value, i) => {
        const key = field === undefined ? value : value[field];
        if (seen.has(key))
          ctx.addIssue({ code: 'custom', path: field ? [i, field] : [i], message: `repeats ${String(key)}` });
        seen.add(key);
      });
    });
}
