import { type KeyPart, keyText, skipCache } from './key-part';
import type { QueryRules } from './query-rules';

/**
 * `GET /api/v1/scholarships?ids=` (batchQuery of the api-contract package): one `ids` value,
 * split on commas, items trimmed, folded to lower case and deduplicated in first-occurrence
 * order. Items keep their order, because the response lists items and `missing` ids in it.
 */
export const SCHOLARSHIP_BATCH_QUERY_RULES: QueryRules = {
  mode: 'strict',
  emptyMeansAbsent: false,
  parameters: { ids: { kind: 'ordered-list', letterCase: 'lower' } },
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Key of `GET /api/v1/scholarships/:id` from the raw path segment. Express decodes the segment
 * before the service reads it, and PostgreSQL compares UUIDs without regard to case, so any
 * spelling of one id shares the lower-case key that invalidation events name.
 */
export function scholarshipIdKey(segment: string): KeyPart {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return skipCache('invalid-path');
  }
  return keyText(UUID_PATTERN.test(decoded) ? decoded.toLowerCase() : decoded);
}

/** The id as invalidation events carry it, for building the key of one scholarship. */
export function normalizeScholarshipId(id: string): string {
  return UUID_PATTERN.test(id) ? id.toLowerCase() : id;
}
