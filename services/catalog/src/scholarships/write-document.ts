import type { ScholarshipDocument, ScholarshipPatch } from '@scholarships/api-contract';
import { contentColumns, type ScholarshipRow, scholarshipFromRow } from '@scholarships/contracts';

/**
 * Converts the stored row to a document, the base a patch is merged into.
 * Values are taken as stored, without the write schema, so a patch of one
 * field does not fail on an imported value of another; the cross-field
 * rules still apply to the merged result.
 */
export function documentFromRow(row: ScholarshipRow): ScholarshipDocument {
  const { name, provider, description, url, award, deadline, eligibility } =
    scholarshipFromRow(row);
  return { name, provider, description, url, award, deadline, eligibility };
}

/** Empty values that `null` in a patch resets a member to. */
const EMPTY_GROUPS: Pick<ScholarshipDocument, 'award' | 'deadline' | 'eligibility'> = {
  award: { min: null, max: null, currency: null, text: null },
  deadline: { next: null, published: null, estimated: false },
  eligibility: {
    fieldsOfStudy: [],
    gradeLevels: [],
    citizenship: [],
    states: [],
    minGpa: null,
    genders: [],
    ethnicities: [],
    basis: null,
    notes: null,
  },
};

type MemberPatch<T> = { [K in keyof T]?: T[K] | null | undefined };

/** RFC 7396 on one flat object: absent keeps, null resets to the empty value, anything else replaces. */
function mergeMembers<T extends object>(current: T, patch: MemberPatch<T>, empty: T): T {
  const merged = { ...current };
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    merged[key] = value === null ? empty[key] : (value as T[keyof T]);
  }
  return merged;
}

function mergeGroup<T extends object>(
  current: T,
  patch: MemberPatch<T> | null | undefined,
  empty: T,
): T {
  if (patch === undefined) return current;
  if (patch === null) return empty;
  return mergeMembers(current, patch, empty);
}

/** Applies a validated merge patch to a document (RFC 7396 §2), group by group. */
export function applyMergePatch(
  current: ScholarshipDocument,
  patch: ScholarshipPatch,
): ScholarshipDocument {
  return {
    name: patch.name ?? current.name,
    provider: patch.provider === undefined ? current.provider : patch.provider,
    description: patch.description === undefined ? current.description : patch.description,
    url: patch.url === undefined ? current.url : patch.url,
    award: mergeGroup(current.award, patch.award, EMPTY_GROUPS.award),
    deadline: mergeGroup(current.deadline, patch.deadline, EMPTY_GROUPS.deadline),
    eligibility: mergeGroup(current.eligibility, patch.eligibility, EMPTY_GROUPS.eligibility),
  };
}

/** Returns whether writing `next` over `current` would change no stored value. */
export function isSameDocument(current: ScholarshipDocument, next: ScholarshipDocument): boolean {
  return JSON.stringify(contentColumns(current)) === JSON.stringify(contentColumns(next));
}
