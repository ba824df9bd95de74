import { z } from 'zod';

/**
 * Builds the schema of a query parameter that contains one integer in plain decimal digits, from
 * `min` to `max`. Forms that `Number` would also read, such as `1e1` or `0x3`, are rejected, and
 * so is a repeated parameter, which Express parses into an array.
 */
export function integerParameter(defaultValue: number, min: number, max: number) {
  return z
    .string({
      error: (issue) =>
        Array.isArray(issue.input)
          ? 'must be given only once'
          : `must be one integer from ${min} to ${max}`,
    })
    .regex(/^\d+$/, { error: `must be an integer from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    )
    .meta({ description: `An integer from ${min} to ${max}; default ${defaultValue}` })
    .default(defaultValue);
}
