/** Response headers by lower-case name, as in Node's IncomingHttpHeaders or a stored entry. */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Returns one header's value as a single string, lines joined with commas (RFC 9110 §5.3). */
export function headerText(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(', ');
}
