import type { z } from 'zod';
import { ConfigError } from './config-error';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Parses `env` with `schema` once and returns a deeply frozen, typed result.
 * Empty strings count as unset, so `PORT=` falls back to the default.
 * Throws ConfigError naming every invalid or missing variable at once.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Environment,
): Readonly<z.output<Schema>> {
  const result = schema.safeParse(withoutEmptyValues(env));
  if (!result.success) {
    throw new ConfigError(result.error.issues.map(describeIssue));
  }
  return deepFreeze(result.data);
}

function withoutEmptyValues(env: Environment): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') values[key] = value;
  }
  return values;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = issue.path.join('.') || '(environment)';
  return `${variable}: ${issue.message}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
