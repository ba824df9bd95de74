import {
  API_DOCS_PATH,
  buildOpenApiDocument,
  OPENAPI_DOCUMENT_PATH,
  type OpenApiDocument,
} from '@scholarships/api-contract';
import { type Request, type Response, Router } from 'express';
import { documentHeaders } from '../security-headers';
import { DOCS_PAGE_CSP, renderDocsPage } from './docs-page';
import { sendStaticDocument, staticDocument } from './static-document';

export interface ApiDocsOptions {
  /** The document to serve; default the whole catalogue's. */
  document?: OpenApiDocument;
}

/**
 * Serves the API's OpenAPI 3.1 document at `/api/v1/openapi.json` and a
 * readable page of it at `/api/v1/docs`. Both are built once, here, and
 * carry a strong ETag, so a revalidation costs one header comparison.
 */
export function createApiDocsRoutes(options: ApiDocsOptions = {}): Router {
  const document = options.document ?? buildOpenApiDocument();
  const json = staticDocument(JSON.stringify(document), 'application/json; charset=utf-8');
  const page = staticDocument(
    renderDocsPage(document, OPENAPI_DOCUMENT_PATH),
    'text/html; charset=utf-8',
  );
  const router = Router();

  router.get(OPENAPI_DOCUMENT_PATH, function sendOpenApiDocument(req: Request, res: Response) {
    sendStaticDocument(req, res, json);
  });

  router.get(
    API_DOCS_PATH,
    documentHeaders(),
    function sendApiDocsPage(req: Request, res: Response) {
      // The page's inline style needs its own policy beside the gateway's deny-all default.
      res.setHeader('Content-Security-Policy', DOCS_PAGE_CSP);
      sendStaticDocument(req, res, page);
    },
  );

  return router;
}
