import { statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@scholarships/logger';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { ifNoneMatchMatches } from '../cache/http/etag';
import { documentHeaders } from '../security-headers';
import { type AssetFile, AssetFileCache } from './asset-file-cache';
import { isHashedAssetName, isSafeAssetName } from './asset-name';
import { contentTypeOf } from './content-type';
import { entryDocumentPolicy, injectApiBaseUrl } from './entry-document';

export interface StaticAssetOptions {
  /** Build output of the web app: `index.html` and the `assets/` folder of hashed files. */
  directory: string;
  /** Base URL the page calls the API at, written into `index.html`; unset means its own origin. */
  apiBaseUrl: string | undefined;
  logger: Logger;
}

/** Hashed names change whenever their content does, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files under a stable name may be stored but must be revalidated before each use. */
const REVALIDATE = 'no-cache';

/**
 * Serves the web app: `GET /` and `GET /index.html` return the entry page with the API base URL
 * filled in, and `GET /assets/<name>` returns one file of the build's `assets/` folder. Express
 * handles HEAD with the GET route. Every other request, and a file that does not exist, goes on to
 * the next middleware. When the folder is missing the router serves nothing and logs that once.
 */
export function createStaticAssetRoutes(options: StaticAssetOptions): RequestHandler {
  const router = Router();
  if (!isDirectory(options.directory)) {
    options.logger.warn(
      { directory: options.directory },
      'web app folder not found: no static assets are served; run npm run build or set WEB_ASSETS_DIR',
    );
    return router;
  }

  const entryPath = path.join(options.directory, 'index.html');
  const assetsDirectory = path.join(options.directory, 'assets');
  const entryFiles = new AssetFileCache((body) =>
    Buffer.from(injectApiBaseUrl(body.toString('utf8'), options.apiBaseUrl)),
  );
  const assetFiles = new AssetFileCache();
  const entryPolicy = entryDocumentPolicy(options.apiBaseUrl);

  const serveEntryDocument: RequestHandler = async function serveEntryDocument(req, res, next) {
    const file = await entryFiles.read(entryPath);
    if (file === undefined) return next();
    res.setHeader('Content-Security-Policy', entryPolicy);
    sendAsset(req, res, file, { contentType: contentTypeOf(entryPath), cacheControl: REVALIDATE });
  };
  // Two routes rather than one with a list of paths, so each has its own metrics label.
  // The entry page is an HTML document, so it also gets the headers that act on one.
  router.get('/', documentHeaders(), serveEntryDocument);
  router.get('/index.html', documentHeaders(), serveEntryDocument);

  router.get('/assets/:name', async function serveAsset(req, res, next) {
    const name = req.params.name;
    if (!isSafeAssetName(name)) return next();
    const file = await assetFiles.read(path.join(assetsDirectory, name));
    if (file === undefined) return next();
    const cacheControl = isHashedAssetName(name) ? IMMUTABLE : REVALIDATE;
    sendAsset(req, res, file, { contentType: contentTypeOf(name), cacheControl });
  });

  return router;
}

function isDirectory(directory: string): boolean {
  try {
    return statSync(directory).isDirectory();
  } catch {
    return false;
  }
}

interface SendOptions {
  contentType: string;
  cacheControl: string;
}

function sendAsset(req: Request, res: Response, file: AssetFile, options: SendOptions): void {
  res.setHeader('Cache-Control', options.cacheControl);
  res.setHeader('ETag', file.etag);
  const ifNoneMatch = req.get('if-none-match');
  // RFC 9110 §15.4.5: a 304 carries the ETag and Cache-Control that a 200 would have.
  if (ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, file.etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', options.contentType);
  res.setHeader('Content-Length', String(file.body.length));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.end(file.body);
}
