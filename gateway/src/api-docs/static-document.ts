import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A response body built once at start-up, with its strong entity tag. */
export interface StaticDocument {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** Documents change only with a deploy; caches may reuse one for 5 minutes, then revalidate. */
const CACHE_CONTROL = 'public, max-age=300';

export function staticDocument(text: string, contentType: string): StaticDocument {
  const body = Buffer.from(text, 'utf8');
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, contentType, etag: `"${digest}"` };
}

/**
 * RFC 9110 §13.1.2: If-None-Match compares weakly, so `W/"x"` matches `"x"`,
 * and `*` matches any current representation.
 */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** Sends the document, or 304 when If-None-Match names its entity tag. */
export function sendStaticDocument(req: Request, res: Response, document: StaticDocument): void {
  res.setHeader('ETag', document.etag);
  res.setHeader('Cache-Control', CACHE_CONTROL);
  if (noneMatch(req.get('if-none-match'), document.etag)) {
    res.status(304).end();
    return;
  }
  res.type(document.contentType).send(document.body);
}
