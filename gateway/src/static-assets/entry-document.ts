/** The tag in the built `index.html` whose content the gateway fills with the API base URL. */
export const API_BASE_URL_PLACEHOLDER = '<meta name="scholarships-api-base-url" content="">';

/**
 * Writes the API base URL into the entry document, so one build serves every deployment. An empty
 * value leaves the tag as it is, and the page then calls the API on its own origin.
 */
export function injectApiBaseUrl(html: string, apiBaseUrl: string | undefined): string {
  if (apiBaseUrl === undefined || apiBaseUrl === '') return html;
  const filled = `<meta name="scholarships-api-base-url" content="${escapeAttribute(apiBaseUrl)}">`;
  return html.replace(API_BASE_URL_PLACEHOLDER, filled);
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * Builds the Content-Security-Policy of the entry document. It replaces the gateway's API policy,
 * which allows nothing to load. Scripts and styles come only from this origin, and `connect-src` adds the
 * API's origin, so the page may call an API served from another origin.
 */
export function entryDocumentPolicy(apiBaseUrl: string | undefined): string {
  const apiOrigin = apiBaseUrl === undefined || apiBaseUrl === '' ? '' : new URL(apiBaseUrl).origin;
  const connectSources = apiOrigin === '' ? "'self'" : `'self' ${apiOrigin}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connectSources}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
