import { z } from 'zod';

/** Schema pieces for environment variables, which always arrive as strings. */
export const env = {
  port: (defaultPort: number) =>
    z.coerce
      .number({ error: 'must be a port number from 0 to 65535' })
      .int({ error: 'must be a port number from 0 to 65535' })
      .min(0)
      .max(65_535)
      .default(defaultPort),

  integer: (defaultValue: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) =>
    z.coerce
      .number({ error: `must be an integer from ${min} to ${max}` })
      .int({ error: `must be an integer from ${min} to ${max}` })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(defaultValue),

  boolean: (defaultValue: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], {
        error: 'must be one of true, false, 1, 0, yes, no',
      })
      .default(defaultValue ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),

  url: (protocols: readonly string[]) =>
    z
      .url({
        error: (issue) =>
          issue.input === undefined
            ? `is required; set a URL starting with ${protocols.join(' or ')}`
            : `must be a URL starting with ${protocols.join(' or ')}`,
      })
      .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}:`)), {
        error: `must use ${protocols.join(' or ')}`,
      }),

  logLevel: () =>
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** Milliseconds a log line may wait in its process's write batch; 0 writes each line at once. */
  logFlushMs: () => env.integer(200, { min: 0, max: 10_000 }),

  list: () =>
    z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0),
      ),
};
