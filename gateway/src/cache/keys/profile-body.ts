import { MAX_FIELDS_OF_STUDY } from '@scholarships/api-contract';
import { US_STATE_CODES } from '@scholarships/contracts';
import { canonicalKeyText } from './canonical-json';
import type { KeyPart } from './key-part';

/**
 * Fields of the eligibility profile (`profileBody` in services/eligibility/src/eligibility/
 * schemas.ts). For these, `null` and absent mean the same; an unknown field is rejected, so it
 * is kept in the key as sent.
 */
const PROFILE_FIELDS = new Set([
  'gradeLevel',
  'gpa',
  'state',
  'citizenship',
  'fieldsOfStudy',
  'gender',
  'ethnicities',
  'financialNeed',
]);

/** `MAX_ETHNICITIES`: the service checks the length before it removes duplicates. */
const MAX_ETHNICITIES = 20;

const STATE_CODES: ReadonlySet<string> = new Set(US_STATE_CODES);

/**
 * Key text of an eligibility profile: members sorted, `null` fields dropped, duplicate fields of
 * study dropped in first-occurrence order, ethnicities trimmed and deduplicated, and a state code
 * in upper case, as the service reads and echoes it. Any other state value keeps its case, since
 * only the codes the service accepts are known to mean the same in any case.
 *
 * Enum strings are not trimmed and lists are not sorted, although the check itself ignores their
 * order: the service rejects ` TX` with 400 where `TX` succeeds, and echoes the profile in its
 * response with the lists in request order, so either change would serve one request the body of
 * another.
 */
export function profileKeyText(profile: Readonly<Record<string, unknown>>): KeyPart {
  // No prototype, so a `__proto__` member stays an ordinary member of the key.
  const normalized: Record<string, unknown> = Object.create(null);
  for (const [field, value] of Object.entries(profile)) {
    if (PROFILE_FIELDS.has(field) && value === null) continue;
    normalized[field] = normalizeField(field, value);
  }
  return canonicalKeyText(normalized);
}

function normalizeField(field: string, value: unknown): unknown {
  if (field === 'state' && typeof value === 'string') {
    const upper = value.toUpperCase();
    return STATE_CODES.has(upper) ? upper : value;
  }
  if (!PROFILE_FIELDS.has(field) || !isStringArray(value)) return value;
  // The service checks the length of both lists before it removes duplicates.
  if (field === 'fieldsOfStudy' && value.length <= MAX_FIELDS_OF_STUDY) return [...new Set(value)];
  if (field === 'ethnicities' && value.length <= MAX_ETHNICITIES) {
    return [...new Set(value.map((item) => item.trim()))];
  }
  return value;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
