import { matchesTemplate, pathSegments } from '@scholarships/api-contract';
import { UNMATCHED_ROUTE } from '@scholarships/metrics';
import { ROUTE_TABLE } from '../routes/route-table';

const TEMPLATES = ROUTE_TABLE.flatMap((route) =>
  route.templates.map((template) => template.split('/')),
);

/**
 * Paths whose label was found before. Hits of one route repeat the same few paths, and two
 * recorders label each request, so the table is searched once per path rather than twice per
 * request. A flood of distinct paths only empties the memo now and then, and paths longer than
 * `MEMO_PATH_LIMIT` are labelled without it, which bounds its memory.
 */
const MEMO_LIMIT = 4096;
const MEMO_PATH_LIMIT = 256;
const memo = new Map<string, string>();

/**
 * Returns the route template Express would match for `path`, for the HTTP metrics of responses sent
 * before Express runs. Like Express's default (non-strict) routing, one trailing slash is ignored.
 */
export function routeLabel(path: string): string {
  if (path.length > MEMO_PATH_LIMIT) return findRouteLabel(path);
  let label = memo.get(path);
  if (label === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    label = findRouteLabel(path);
    memo.set(path, label);
  }
  return label;
}

function findRouteLabel(path: string): string {
  const segments = pathSegments(path);
  const template = TEMPLATES.find((candidate) => matchesTemplate(candidate, segments));
  return template === undefined ? UNMATCHED_ROUTE : template.join('/');
}
