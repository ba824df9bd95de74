import { allowedMethodsLookup } from './allowed-methods';
import { CATALOG_ROUTES } from './catalog-routes';
import { ELIGIBILITY_ROUTES } from './eligibility-routes';
import { GATEWAY_ROUTES } from './gateway-routes';
import type { RouteDefinition, RouteOwner } from './route-definition';
import { SEARCH_ROUTES } from './search-routes';

/** Every public route of the API, in documentation order. */
export const ROUTES: readonly RouteDefinition[] = [
  ...SEARCH_ROUTES,
  ...CATALOG_ROUTES,
  ...ELIGIBILITY_ROUTES,
  ...GATEWAY_ROUTES,
];

/** Returns the allowed-methods lookup of the routes that `owner` handles. */
export function allowedMethodsOf(owner: RouteOwner): (path: string) => readonly string[] {
  return allowedMethodsLookup(ROUTES.filter((route) => route.owner === owner));
}

/** Returns the route with `operationId`, or throws when the catalogue has none. */
export function routeByOperationId(operationId: string): RouteDefinition {
  const route = ROUTES.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`no route has the operationId ${operationId}`);
  return route;
}

export {
  allowedMethodsLookup,
  matchesTemplate,
  pathSegments,
  type RouteMethod,
} from './allowed-methods';
export {
  API_DOCS_PATH,
  HEALTH_PATH,
  OPENAPI_DOCUMENT_PATH,
  OPERATOR_PATH_PREFIX,
  openApiDocumentSchema,
} from './gateway-routes';
export type {
  DocumentedStatus,
  HeaderParameter,
  HttpMethod,
  ProblemStatus,
  RouteAccess,
  RouteDefinition,
  RouteOwner,
  RouteRequest,
  SuccessResponse,
} from './route-definition';
