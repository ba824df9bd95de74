/** Name of the `<meta>` tag into which the gateway writes the API base URL when it serves the page. */
export const API_BASE_URL_META = 'scholarships-api-base-url';

/**
 * Reads the API base URL from the `content` of the page's `scholarships-api-base-url` meta tag.
 * An empty or missing tag means the page's own origin, as for a page served by the gateway it calls.
 */
export function readApiBaseUrl(page: Document = document): string {
  const meta = page.querySelector(`meta[name="${API_BASE_URL_META}"]`);
  const configured = meta?.getAttribute('content')?.trim() ?? '';
  if (configured === '') return page.location.origin;
  const url = new URL(configured);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${API_BASE_URL_META} must be an http or https URL, got ${configured}`);
  }
  return url.href.replace(/\/+$/, '');
}
