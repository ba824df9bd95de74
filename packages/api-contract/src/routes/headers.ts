import type { HeaderParameter } from './route-definition';

export const IF_NONE_MATCH: HeaderParameter = {
  name: 'If-None-Match',
  required: false,
  description: 'An ETag of an earlier response. When it matches, the response is 304 with no body',
};

export const IF_MATCH_REQUIRED: HeaderParameter = {
  name: 'If-Match',
  required: true,
  description:
    'The current ETag of the scholarship, e.g. W/"<id>-<version>"; without it the write is answered with 428',
};

export const PROFILE_CONDITIONS: readonly HeaderParameter[] = [
  {
    name: 'If-Match',
    required: false,
    description: 'Replace only while the stored profile has this ETag, e.g. "3"; else 412',
  },
  {
    name: 'If-None-Match',
    required: false,
    description: '`*` makes the PUT create only, so it returns 412 when a profile is stored',
  },
];

/** Headers of cacheable responses. */
export const CACHE_HEADERS = {
  ETag: 'Entity tag of the representation, for If-None-Match',
  'Cache-Control': 'How long shared and private caches may keep the response',
  'X-Cache': 'What the gateway cache did: HIT, MISS, STALE or BYPASS',
} as const;
