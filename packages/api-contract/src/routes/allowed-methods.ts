import type { RouteDefinition } from './route-definition';

/** Order of methods in an `Allow` field: reads first, then writes. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Splits a path or an Express template into segments, ignoring one trailing slash as Express does. */
export function pathSegments(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/');
}

/** Matches path segments against template segments such as those of `/api/v1/scholarships/:id`. */
export function matchesTemplate(template: readonly string[], segments: readonly string[]): boolean {
  if (template.length !== segments.length) return false;
  return template.every((part, index) => {
    const segment = segments[index] as string;
    return part.startsWith(':') ? segment.length > 0 : part === segment;
  });
}

/** The part of a route that decides which methods a path accepts. */
export type RouteMethod = Pick<RouteDefinition, 'method' | 'path'>;

/**
 * Returns a lookup of the methods `routes` define for a path, for `405 Method Not Allowed` and its
 * `Allow` field: upper-case, HEAD wherever GET is, and empty for a path no route has. Like
 * Express's default routing, one trailing slash is ignored.
 */
export function allowedMethodsLookup(
  routes: readonly RouteMethod[],
): (path: string) => readonly string[] {
  const templates = routes.map((route) => ({
    segments: pathSegments(route.path),
    method: route.method.toUpperCase(),
  }));
  return (path) => {
    const segments = pathSegments(path);
    const methods = new Set<string>();
    for (const template of templates) {
      if (!matchesTemplate(template.segments, segments)) continue;
      methods.add(template.method);
      if (template.method === 'GET') methods.add('HEAD');
    }
    return METHOD_ORDER.filter((method) => methods.has(method));
  };
}
