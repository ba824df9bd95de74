import type { QueryRules } from './query-rules';

/** Defaults of `pageQuery` in services/eligibility/src/eligibility/schemas.ts. */
const DEFAULT_LIMIT = '50';
const DEFAULT_OFFSET = '0';

/** The service accepts digits only and does not trim, so only leading zeros are normalized. */
function digits(value: string): string {
  return /^\d+$/.test(value) ? String(Number(value)) : value;
}

/** Paging of `POST /api/v1/eligibility/check`: `limit` and `offset`, unknown names rejected. */
export const ELIGIBILITY_PAGE_QUERY_RULES: QueryRules = {
  mode: 'strict',
  emptyMeansAbsent: false,
  parameters: {
    limit: { kind: 'single', normalize: digits },
    offset: { kind: 'single', normalize: digits },
  },
  addDefaults(values) {
    if (!values.has('limit')) values.set('limit', DEFAULT_LIMIT);
    if (!values.has('offset')) values.set('offset', DEFAULT_OFFSET);
  },
};
