import { matchesTemplate, pathSegments, ROUTES } from '@scholarships/api-contract';

/** The PATCH routes of the API contract, each with the body media types it accepts. */
const PATCH_ROUTES = ROUTES.filter((route) => route.method === 'patch').map((route) => ({
  segments: pathSegments(route.path),
  mediaTypes: route.request.bodyMediaTypes ?? ['application/json'],
}));

/**
 * Returns the body media types of the PATCH route that `path` matches, such as a JSON merge
 * patch's, or undefined when no PATCH route matches.
 */
export function patchMediaTypes(path: string): readonly string[] | undefined {
  const segments = pathSegments(path);
  return PATCH_ROUTES.find((route) => matchesTemplate(route.segments, segments))?.mediaTypes;
}
