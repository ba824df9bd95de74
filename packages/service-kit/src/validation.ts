import type { z } from 'zod';
import { problems } from './errors';
import type { FieldError } from './problem';

export type InputLocation = 'query' | 'body' | 'params' | 'headers';

/**
 * Advice for fields a route does not know, by the field's name, for names that clients
 * commonly guess, such as `page` where a route pages by cursor.
 */
export type UnknownFieldHints = Readonly<Record<string, string>>;

/**
 * Parses request input with `schema`; throws a 400 problem naming every
 * invalid field as `location.path`, e.g. `query.state` or `body.gpa`.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  location: InputLocation,
  hints: UnknownFieldHints = {},
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw problems.validationFailed(
    result.error.issues.flatMap((issue) => toFieldErrors(issue, location, hints)),
  );
}

/** One error per field; an unknown key becomes an error of its own, named by the key. */
function toFieldErrors(
  issue: z.core.$ZodIssue,
  location: InputLocation,
  hints: UnknownFieldHints,
): FieldError[] {
  const field = [location, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const hint = Object.hasOwn(hints, key) ? hints[key] : undefined;
      const message = hint === undefined ? 'is not a known field' : `is not a known field; ${hint}`;
      return { field: `${field}.${key}`, message };
    });
  }
  return [{ field, message: issue.message }];
}
