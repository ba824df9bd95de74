/** A query parameter value as the client's request types allow it. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/**
 * Builds a query string (with its `?`, or empty) from typed parameters. A list
 * becomes one comma-separated value, which the API reads like repeated
 * parameters; undefined values and empty lists are left out.
 */
export function toQueryString(parameters: object): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters) as [string, QueryValue][]) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(name, value.join(','));
      continue;
    }
    search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
