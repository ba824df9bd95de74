import { z } from 'zod';

/** A whole number in decimal digits, with an optional minus sign and nothing around it. */
const DECIMAL_INTEGER = /^-?[0-9]+$/;
/** A decimal number such as 0.03, 1 or .5, in plain notation. */
const DECIMAL_NUMBER = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** Parses text that matches `pattern` as a number. Any other text fails with `error`. */
function numberText(pattern: RegExp, error: string) {
  return z.string({ error }).regex(pattern, { error }).transform(Number);
}

/** Returns a number schema from `min` to `max`, whose message names the bound a value misses. */
function withinRange(min: number, max: number) {
  return z
    .number()
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
}

/**
 * Schema pieces for environment variables, which always arrive as strings. Numbers must be written
 * plainly: Number() alone would read ' ' as 0 and accept forms such as 0x1F90 or 1e3, so a typo
 * would pass as some other value.
 */
export const env = {
  port: (defaultPort: number, { min = 0 } = {}) => {
    const error = `must be a port number from ${min} to 65535`;
    return numberText(DECIMAL_INTEGER, error)
      .pipe(z.number().min(min, { error }).max(65_535, { error }))
      .default(defaultPort);
  },

  integer: (defaultValue: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) => {
    const error = `must be an integer from ${min} to ${max}`;
    return numberText(DECIMAL_INTEGER, error)
      .pipe(z.number().safe({ error }))
      .pipe(withinRange(min, max))
      .default(defaultValue);
  },

  /** A decimal number in plain notation from `min` to `max`, such as a ratio. */
  decimal: (defaultValue: number, { min, max, example }: DecimalRange) =>
    numberText(DECIMAL_NUMBER, `must be a number from ${min} to ${max}, e.g. ${example}`)
      .pipe(withinRange(min, max))
      .default(defaultValue),

  boolean: (defaultValue: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], {
        error: 'must be one of true, false, 1, 0, yes, no',
      })
      .default(defaultValue ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),

  /**
   * A URL that starts with one of `protocols` and `://`. One check gives one message, because an
   * aborting check would also stop the refinements of other variables (see `whenValid`).
   */
  url: (protocols: readonly string[]) =>
    z
      .string({ error: `is required; set a URL starting with ${protocols.join(' or ')}` })
      .refine((value) => URL.canParse(value) && protocols.some((p) => hasAuthority(value, p)), {
        error: (issue) =>
          URL.canParse(String(issue.input))
            ? `must start with ${protocols.map((protocol) => `${protocol}://`).join(' or ')}, followed by a host or path`
            : `must be a valid URL, such as one with a port from 1 to 65535 and no spaces, starting with ${protocols.join(' or ')}`,
      }),

  logLevel: () =>
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** Milliseconds a log line may wait in its process's write batch; 0 writes each line at once. */
  logFlushMs: () => env.integer(200, { min: 0, max: 10_000 }),

  /**
   * An optional secret of at least `minBytes` bytes in UTF-8; an empty value counts as unset, as
   * an unset variable in a compose file arrives.
   */
  optionalSecret: (minBytes: number) =>
    z
      .string()
      .optional()
      .transform((value) => (value === '' ? undefined : value))
      .refine((value) => value === undefined || Buffer.byteLength(value) >= minBytes, {
        error: `must be at least ${minBytes} bytes; generate one with \`openssl rand -base64 32\``,
      }),

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

interface DecimalRange {
  min: number;
  max: number;
  /** A valid value shown in the error message, e.g. `0.03 for 3 %`. */
  example: string;
}

/**
 * Returns whether a URL starts with `<protocol>://` and something after it. Client libraries read
 * `postgres:name` or a bare `postgres://` as their defaults, e.g. localhost:5432, so such a typo
 * would connect to whatever server listens there.
 */
function hasAuthority(value: string, protocol: string): boolean {
  const prefix = `${protocol}://`;
  // Schemes are case-insensitive (RFC 3986 §3.1), so HTTP:// is http://.
  const scheme = value.slice(0, prefix.length).toLowerCase();
  return scheme === prefix && value.length > prefix.length && !/\s/.test(value);
}

/**
 * Options of a refinement that runs when the named variables parsed, even if others did not.
 * Zod skips refinements after any issue by default, so a start would list the problems of other
 * variables and only the next start those of the combination.
 */
export function whenValid(...variables: string[]) {
  return {
    when: (payload: z.core.ParsePayload): boolean =>
      !payload.issues.some((issue) => variables.includes(String(issue.path?.[0]))),
  };
}
