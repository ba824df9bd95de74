import { type HeaderMap, headerText } from './header-map';

/**
 * Field names listed in Vary, lower-cased and sorted, or `*` (RFC 9110 §12.5.5). An empty list
 * means the response does not vary.
 */
export function varyNames(headers: HeaderMap): readonly string[] | '*' {
  const value = headerText(headers, 'vary');
  if (value === undefined) return [];
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  if (names.includes('*')) return '*';
  return [...new Set(names)].sort();
}

/**
 * Values of the nominated request headers, normalized as RFC 9111 §4.1 allows: whitespace around
 * commas removed and runs of whitespace collapsed. An absent header is distinct from an empty one.
 */
export function varyValues(
  names: readonly string[],
  requestHeaders: Readonly<Record<string, string>>,
): string[] {
  return names.map((name) => {
    const value = requestHeaders[name];
    if (value === undefined) return '\u0000absent';
    // Runs are collapsed first, so that each comma has at most one space to drop on either side.
    // Matching `\s*,\s*` instead tried every start in a run of spaces, which takes quadratic time
    // in a header value the client chooses.
    return value.trim().replace(/\s+/g, ' ').replace(/ ?, ?/g, ',');
  });
}
