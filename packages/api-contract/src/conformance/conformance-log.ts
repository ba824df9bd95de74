import { ROUTES, type RouteDefinition, type RouteOwner } from '@scholarships/api-contract';
import { type ObservedResponse, responseIssues } from './response-issues';

/**
 * Checks responses against the catalogue and records which routes returned
 * a success and a problem, so a test can require both for every route of a
 * service.
 */
export class ConformanceLog {
  private readonly seen = new Map<string, Set<'success' | 'problem'>>();

  constructor(private readonly owner: RouteOwner) {}

  /** Returns the issues of one response of the route with `operationId`, and records it. */
  check(operationId: string, response: ObservedResponse): string[] {
    const route = this.route(operationId);
    const kinds = this.seen.get(operationId) ?? new Set();
    kinds.add(response.status < 400 ? 'success' : 'problem');
    this.seen.set(operationId, kinds);
    return responseIssues(route, response);
  }

  /** Operation ids of the owner's routes not yet seen with a success and with a problem. */
  uncovered(): string[] {
    return ROUTES.filter((route) => route.owner === this.owner)
      .filter((route) => {
        const kinds = this.seen.get(route.operationId);
        return !(kinds?.has('success') && kinds.has('problem'));
      })
      .map((route) => route.operationId);
  }

  private route(operationId: string): RouteDefinition {
    const route = ROUTES.find(
      (candidate) => candidate.operationId === operationId && candidate.owner === this.owner,
    );
    if (!route) throw new Error(`the ${this.owner} service has no route ${operationId}`);
    return route;
  }
}
