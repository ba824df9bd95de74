import type { Logger } from '@scholarships/logger';
import { createHttpMetrics, type Registry } from '@scholarships/metrics';
import express, {
  type Express,
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';
import {
  type AllowedMethods,
  type ErrorClassifier,
  errorHandler,
  routeNotFound,
} from './error-handler';
import { healthRoutes, type ReadinessCheck } from './health';
import { verifyIdentitySignature } from './identity-signature';
import { requestContext } from './request-context';

export interface ServiceAppOptions {
  logger: Logger;
  registry: Registry;
  /** The service's own routes, mounted after the shared middleware. */
  routes: Router;
  readiness?: readonly ReadinessCheck[];
  /** Maps service-specific errors, e.g. database outages, to problems. */
  classifyError?: ErrorClassifier;
  /** Largest JSON body accepted; default `100kb`. */
  bodyLimit?: string;
  /** Methods the service's API defines per path, so a wrong method gets 405 instead of 404. */
  allowedMethods?: AllowedMethods;
  /**
   * Path prefixes whose every response is per user, such as `/api/v1/me`. Each response under
   * them gets `Cache-Control: private, no-store` before the body is read, so an error of the body
   * parser (invalid JSON, a body over the limit) carries it too.
   */
  privatePathPrefixes?: readonly string[];
  /**
   * Secret the gateway signs identity headers with (`INTERNAL_IDENTITY_SECRET`). When set, a request
   * whose identity headers lack the matching signature is served as anonymous.
   */
  identitySecret?: string;
}

/** Per-user responses (RFC 9111 §5.2.2.3, §5.2.2.7): never stored by shared or private caches. */
export const PRIVATE_NO_STORE = 'private, no-store';

function privateNoStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', PRIVATE_NO_STORE);
  next();
}

/**
 * Media types parsed as JSON: `application/json` and the structured `+json`
 * suffix of RFC 6839 §3.1, e.g. `application/merge-patch+json` (RFC 7396).
 */
const JSON_TYPES = ['application/json', 'application/*+json'];

/** Requests whose JSON body had zero bytes, whether framed by Content-Length or chunked. */
const emptyBodies = new WeakSet<object>();

/** The UTF-8 byte order mark, which body-parser strips before it parses. */
const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

function noteEmptyBody(req: object, _res: unknown, body: Buffer): void {
  if (body.length === 0 || body.equals(BYTE_ORDER_MARK)) emptyBodies.add(req);
}

/**
 * Treats a zero-length JSON body as missing. body-parser turns it into `{}`, which a body whose
 * fields are all optional would accept, so a PUT without a body would clear every field.
 */
function emptyBodyAsMissing(req: Request, _res: Response, next: NextFunction): void {
  if (emptyBodies.has(req)) req.body = undefined;
  next();
}

/**
 * Builds a service's Express app: request ids and metrics, JSON bodies,
 * health routes, the service's routes, then 404 and error handling that
 * always answer with `application/problem+json`.
 */
export function createServiceApp(options: ServiceAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Services sit behind the gateway only; the client address they log is the gateway's.
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use(requestContext(options.logger, createHttpMetrics(options.registry)));
  if (options.identitySecret !== undefined) {
    app.use(verifyIdentitySignature(options.identitySecret));
  }
  for (const prefix of options.privatePathPrefixes ?? []) app.use(prefix, privateNoStore);
  app.use(
    express.json({
      limit: options.bodyLimit ?? '100kb',
      strict: true,
      type: JSON_TYPES,
      verify: noteEmptyBody,
    }),
  );
  app.use(emptyBodyAsMissing);
  app.use(healthRoutes(options.registry, options.readiness ?? []));
  app.use(options.routes);
  app.use(routeNotFound(options.allowedMethods));
  app.use(errorHandler(options.classifyError));
  return app;
}
