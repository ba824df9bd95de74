import { getPublicSuffix } from 'tldts';

/**
 * Parses and matches the `CORS_ORIGINS` entries. An entry is an exact origin such as
 * `https://app.example.org`, or a pattern with a wildcard for the leftmost host labels
 * (`https://*.example.org` matches `https://a.example.org` and `https://a.b.example.org`, not
 * `https://example.org`) or for the port (`http://localhost:*`). Origins compare as the browser
 * serializes them (RFC 6454 §6.2): lower-case scheme and host, no default port, no path.
 */
export type OriginMatcher = (origin: string) => boolean;

const ENTRY_PATTERN =
  /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/;

/** Checks one entry and throws an Error that names it when it is not an origin or pattern. */
export function checkOriginEntry(entry: string): void {
  const match = ENTRY_PATTERN.exec(entry);
  if (match === null) {
    throw new Error(
      `"${entry}" is not an origin such as https://app.example.org, https://*.example.org or ` +
        'http://localhost:*; use lower case and no path',
    );
  }
  const [, , subdomainWildcard, host = ''] = match;
  // `https://*.org` or `https://*.co.uk` would let anyone's site send requests, with credentials
  // when allowed. The Public Suffix List's private part counts too: `*.github.io` is every
  // GitHub Pages site.
  if (subdomainWildcard !== undefined && isPublicSuffix(host)) {
    throw new Error(
      `"${entry}" allows every site under "${host}"; put the wildcard under a domain of yours, ` +
        'such as https://*.example.org',
    );
  }
}

/** Returns whether anyone can register a site directly under `host`, e.g. `org` or `co.uk`. */
function isPublicSuffix(host: string): boolean {
  if (!host.includes('.')) return true;
  return getPublicSuffix(host, { allowPrivateDomains: true }) === host;
}

/** Compiles the entries once into one matcher. Throws on the first invalid entry. */
export function compileOriginAllowList(entries: readonly string[]): OriginMatcher {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of entries) {
    checkOriginEntry(entry);
    if (entry.includes('*')) patterns.push(patternToRegExp(entry));
    else exact.add(entry);
  }
  return (origin) => exact.has(origin) || patterns.some((pattern) => pattern.test(origin));
}

function patternToRegExp(entry: string): RegExp {
  const match = ENTRY_PATTERN.exec(entry);
  if (match === null) throw new Error(`"${entry}" is not an origin pattern`);
  const [, scheme = '', subdomainWildcard, host = '', port] = match;
  const labels = subdomainWildcard === undefined ? '' : '(?:[a-z0-9-]+\\.)+';
  const hostPart = escapeRegExp(host);
  let portPart = '';
  if (port === '*') portPart = '(?::\\d{1,5})?';
  else if (port !== undefined) portPart = `:${port}`;
  return new RegExp(`^${scheme}://${labels}${hostPart}${portPart}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
