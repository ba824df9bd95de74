import type { ServiceName } from '../routes/route-table';
import { analysisScholarshipId } from './keys/analysis-body';
import { canonicalKeyText } from './keys/canonical-json';
import { SCHOLARSHIP_BATCH_QUERY_RULES, scholarshipIdKey } from './keys/catalog-rules';
import { ELIGIBILITY_PAGE_QUERY_RULES } from './keys/eligibility-rules';
import type { KeyPart } from './keys/key-part';
import { profileKeyText } from './keys/profile-body';
import type { QueryRules } from './keys/query-rules';
import { SEARCH_QUERY_RULES } from './keys/search-rules';

/**
 * What else a key contains besides the normalized request:
 * - `generation`: the catalog generation, which every scholarship change increments;
 * - `day`: today's UTC date, for routes whose response depends on it (deadlines from today on),
 *   which also ends every freshness window at the next UTC midnight;
 * - `profile`: the user's profile version, for per-user routes that read the profile;
 * - `scholarship-version`: the version of the scholarship the body names, or the catalog
 *   generation when this replica has not seen that scholarship's version.
 */
export type KeyContext = 'generation' | 'day' | 'profile' | 'scholarship-version';

/** Rules by which a JSON body enters the key. */
export interface BodyRules {
  keyText(body: Readonly<Record<string, unknown>>): KeyPart;
  /** The scholarship whose version the key includes, for `scholarship-version`. */
  scholarshipId?(body: Readonly<Record<string, unknown>>): string | undefined;
}

export interface RoutePolicy {
  /** Route template; the metric label and the first line of every key of the route. */
  route: string;
  method: 'GET' | 'POST';
  service: ServiceName;
  /**
   * `shared`: one entry serves everyone, and the origin request that fills it carries no
   * credentials. `per-user`: the key includes the user id and only that user is served.
   */
  audience: 'shared' | 'per-user';
  /** Milliseconds a stored response stays fresh. */
  freshMs: number;
  /** Milliseconds after freshness during which a stale entry is served while it is refreshed. */
  staleWhileRevalidateMs: number;
  /** Milliseconds after freshness during which a stale entry is served if the origin fails. */
  staleIfErrorMs: number;
  keyContext: readonly KeyContext[];
  /**
   * After a catalog write, entries of the replaced generation may be served stale while they are
   * refreshed, for the grace the cache is configured with. True only for listings (search,
   * eligibility checks), never for a route that returns scholarship records themselves.
   */
  catalogWriteGrace: boolean;
  query: QueryRules;
  /** Key text from the path parameters, e.g. the scholarship id. */
  pathKey?: (parameters: Readonly<Record<string, string>>) => KeyPart;
  body?: BodyRules;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STALE_WINDOWS = { staleWhileRevalidateMs: MINUTE, staleIfErrorMs: 6 * HOUR } as const;

const PROFILE_BODY: BodyRules = { keyText: profileKeyText };

const ANALYSIS_BODY: BodyRules = {
  keyText: canonicalKeyText,
  scholarshipId: analysisScholarshipId,
};

/**
 * Every route the cache stores with a policy of its own. Other requests follow RFC 9111 (see
 * `rfc/`). The README explains each row.
 */
export const ROUTE_POLICIES: readonly RoutePolicy[] = [
  {
    route: '/api/v1/search',
    method: 'GET',
    service: 'search',
    audience: 'shared',
    freshMs: 30 * MINUTE,
    ...STALE_WINDOWS,
    keyContext: ['generation', 'day'],
    catalogWriteGrace: true,
    query: SEARCH_QUERY_RULES,
  },
  {
    route: '/api/v1/search/suggest',
    method: 'GET',
    service: 'search',
    audience: 'shared',
    freshMs: 30 * MINUTE,
    ...STALE_WINDOWS,
    keyContext: ['generation', 'day'],
    catalogWriteGrace: true,
    // NOTE: no normalization rules for the suggest parameters yet, so they are kept as sent: two
    // spellings of one query are two entries.
    query: { mode: 'opaque' },
  },
  {
    route: '/api/v1/scholarships/:id',
    method: 'GET',
    service: 'catalog',
    audience: 'shared',
    freshMs: 30 * MINUTE,
    ...STALE_WINDOWS,
    keyContext: [],
    catalogWriteGrace: false,
    query: { mode: 'ignored' },
    pathKey: (parameters) => scholarshipIdKey(parameters.id ?? ''),
  },
  {
    route: '/api/v1/scholarships',
    method: 'GET',
    service: 'catalog',
    audience: 'shared',
    freshMs: 30 * MINUTE,
    ...STALE_WINDOWS,
    keyContext: ['generation'],
    catalogWriteGrace: false,
    query: SCHOLARSHIP_BATCH_QUERY_RULES,
  },
  {
    route: '/api/v1/eligibility/check',
    method: 'POST',
    service: 'eligibility',
    audience: 'shared',
    freshMs: 30 * DAY,
    ...STALE_WINDOWS,
    keyContext: ['generation', 'day'],
    catalogWriteGrace: true,
    query: ELIGIBILITY_PAGE_QUERY_RULES,
    body: PROFILE_BODY,
  },
  {
    route: '/api/v1/eligibility/analysis',
    method: 'POST',
    service: 'eligibility',
    audience: 'shared',
    freshMs: 7 * DAY,
    ...STALE_WINDOWS,
    keyContext: ['scholarship-version', 'day'],
    catalogWriteGrace: false,
    query: { mode: 'opaque' },
    body: ANALYSIS_BODY,
  },
  {
    route: '/api/v1/me/profile',
    method: 'GET',
    service: 'eligibility',
    audience: 'per-user',
    freshMs: 10 * MINUTE,
    ...STALE_WINDOWS,
    keyContext: ['profile'],
    catalogWriteGrace: false,
    query: { mode: 'opaque' },
  },
  {
    route: '/api/v1/me/matches',
    method: 'GET',
    service: 'eligibility',
    audience: 'per-user',
    freshMs: 10 * MINUTE,
    ...STALE_WINDOWS,
    keyContext: ['profile', 'generation', 'day'],
    catalogWriteGrace: false,
    query: { mode: 'opaque' },
  },
];
