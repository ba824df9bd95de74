import type { z } from 'zod';
import { problems } from './errors';
import type { FieldError } from './problem';

export type InputLocation = 'query' | 'body' | 'params' | 'headers';

/**
 * Parses request input with `schema`; throws a 400 problem naming every
 * invalid field as `location.path`, e.g. `query.state` or `body.gpa`.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  location: InputLocation,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw problems.validationFailed(
    result.error.issues.flatMap((issue) => toFieldErrors(issue, location)),
  );
}

/** One error per field; an unknown key becomes an error of its own, named by the key. */
function toFieldErrors(issue: z.core.$ZodIssue, location: InputLocation): FieldError[] {
  const field = [location, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: `${field}.${key}`, message: 'is not a known field' }));
  }
  return [{ field, message: issue.message }];
}
