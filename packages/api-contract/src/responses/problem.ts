import { z } from 'zod';

/** One invalid input, named by where it was found, e.g. `query.state` or `body.gpa`. */
export const fieldErrorSchema = z.strictObject({
  field: z.string(),
  message: z.string(),
});

/**
 * An RFC 9457 problem details document, sent as `application/problem+json`
 * by the gateway and every service. `code` is stable and upper-snake, so
 * clients branch on it; `errors` names each invalid field of a 400, at most
 * 20. RFC 9457 §3.2 allows extension members, so unknown members are kept.
 */
export const problemDetailsSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int().min(100).max(599),
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  detail: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  /** The request target, cut to its first 2,048 characters. */
  instance: z.string(),
  requestId: z.string(),
});

export type FieldError = z.output<typeof fieldErrorSchema>;
export type ProblemDetails = z.output<typeof problemDetailsSchema>;
