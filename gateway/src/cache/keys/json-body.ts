import type { CacheRequest } from '../request/cache-request';
import type { BypassReason } from './key-part';

/**
 * Largest JSON body the services accept: service-kit's `express.json` limit of `100kb`, which
 * body-parser reads as 100 × 1024 bytes. A longer body gets 413 from the service.
 */
export const SERVICE_JSON_BODY_LIMIT_BYTES = 100 * 1024;

export type JsonObjectResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; reason: BypassReason };

/**
 * Parses the body of a POST the way the services' `express.json` would, and returns a reason to
 * skip the cache whenever the service might read it differently: another media type or charset,
 * a Content-Encoding, an empty or oversized body, invalid JSON, or a top level that is not an
 * object. The service then answers such requests itself.
 */
export function readJsonObject(request: CacheRequest): JsonObjectResult {
  if (!isUtf8Json(request.headers['content-type'])) return { ok: false, reason: 'body-media-type' };
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return { ok: false, reason: 'body-encoding' };
  }
  const body = request.body;
  if (body === undefined || body.length === 0) return { ok: false, reason: 'body-json' };
  if (body.length > SERVICE_JSON_BODY_LIMIT_BYTES) return { ok: false, reason: 'body-size' };
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, reason: 'body-json' };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, reason: 'body-json' };
  }
}

/** `application/json`, with no charset or a UTF-8 one. */
function isUtf8Json(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType = '', ...parameters] = contentType.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    return /^"?utf-8"?$/i.test(value.trim());
  });
}
