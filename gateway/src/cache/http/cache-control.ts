/** Parsed Cache-Control directives: lower-case names, `true` for a directive without a value. */
export type Directives = ReadonlyMap<string, string | true>;

const EMPTY: Directives = new Map();

/**
 * Parses Cache-Control field lines (RFC 9111 §5.2). Names are case-insensitive; quoted values are
 * unquoted. When a directive repeats, the first occurrence wins.
 */
export function parseCacheControl(value: string | readonly string[] | undefined): Directives {
  if (value === undefined) return EMPTY;
  const text = typeof value === 'string' ? value : value.join(',');
  const directives = new Map<string, string | true>();
  for (const part of splitOutsideQuotes(text)) {
    const equals = part.indexOf('=');
    const name = (equals === -1 ? part : part.slice(0, equals)).trim().toLowerCase();
    if (name === '' || directives.has(name)) continue;
    directives.set(name, equals === -1 ? true : unquote(part.slice(equals + 1).trim()));
  }
  return directives;
}

/**
 * Reads a delta-seconds directive such as `max-age` (RFC 9111 §1.2.2). Returns undefined when
 * absent, and 0 for an invalid value, because §4.2.1 says a cache should treat a response with an
 * invalid freshness directive as stale.
 */
export function deltaSeconds(directives: Directives, name: string): number | undefined {
  const value = directives.get(name);
  if (value === undefined) return undefined;
  if (value === true || !/^\d+$/.test(value)) return 0;
  // §1.2.2: a value too large to represent is read as the largest positive integer.
  return Math.min(Number(value), 2_147_483_648);
}

/** True when the directive is present, with or without a value. */
export function hasDirective(directives: Directives, name: string): boolean {
  return directives.has(name);
}

/** Splits on commas that are not inside a quoted string. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    if (character === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}
