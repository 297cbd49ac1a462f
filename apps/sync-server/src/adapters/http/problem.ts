import { z } from 'zod';

/**
 * RFC 9457 problem details as our upstream contracts require them: `code` is what an adapter acts on,
 * the rest is for people. A refusal without a `code` is not one we can act on (it is usually a proxy or a
 * wrong base URL answering instead of the service).
 */
export const problemSchema = z.object({
  code: z.string().min(1).max(200),
  title: z.string().optional(),
  detail: z.string().optional(),
});
export type UpstreamProblem = z.infer<typeof problemSchema>;

/** The problem in a response body, or null when the body is not one (HTML, empty, another shape). */
export function parseProblem(text: string): UpstreamProblem | null {
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
