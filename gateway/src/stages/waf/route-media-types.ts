import { matchesTemplate, pathSegments, ROUTES } from '@scholarships/api-contract';

/** The routes of the API contract that take a body, each with the media types it accepts. */
const BODY_ROUTES = ROUTES.filter((route) => route.request.body !== undefined).map((route) => ({
  method: route.method.toUpperCase(),
  segments: pathSegments(route.path),
  mediaTypes: route.request.bodyMediaTypes ?? ['application/json'],
}));

/**
 * Returns the body media types of the contract route that `method` and `path` match, such as a
 * JSON merge patch's for a PATCH. Returns undefined when no contract route with a body matches,
 * as for the gateway's own switch routes or an unknown path.
 */
export function routeMediaTypes(method: string, path: string): readonly string[] | undefined {
  const segments = pathSegments(path);
  return BODY_ROUTES.find(
    (route) => route.method === method && matchesTemplate(route.segments, segments),
  )?.mediaTypes;
}
