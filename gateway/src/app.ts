import express, { type Express } from 'express';
import { buildPipeline, type GatewayDependencies } from './pipeline';

export type { GatewayDependencies } from './pipeline';

/**
 * Builds the gateway's Express app. Each app needs a fresh registry, because its metrics are
 * declared on it.
 */
export function createApp(deps: GatewayDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The gateway is the public edge: the client address is the socket's, never a header's.
  app.set('trust proxy', false);

  for (const stage of buildPipeline(deps)) app.use(stage.handler);
  return app;
}
