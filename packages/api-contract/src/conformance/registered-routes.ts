import type { Express } from 'express';

/** A route as an Express router registers it, e.g. `GET /api/v1/scholarships/:id`. */
export type RegisteredRoute = `${string} ${string}`;

/** The fields of an Express 5 router layer that this walk reads. */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function mountPrefix(layer: Layer): string {
  return typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
}

function collect(layers: readonly Layer[], prefix: string, routes: RegisteredRoute[]): void {
  for (const layer of layers) {
    if (layer.route && typeof layer.route.path === 'string') {
      for (const [method, enabled] of Object.entries(layer.route.methods)) {
        if (enabled && method !== '_all') {
          routes.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
        }
      }
    } else if (layer.handle?.stack) {
      collect(layer.handle.stack, `${prefix}${mountPrefix(layer)}`, routes);
    }
  }
}

/**
 * Lists the routes an Express 5 app registers, through every nested router,
 * sorted. Middleware mounted on a path (`router.use('/x', fn)`) is no route.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  collect(root.stack, '', routes);
  return [...new Set(routes)].sort();
}
