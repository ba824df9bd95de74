import { normalizeScholarshipId } from './catalog-rules';

/**
 * Returns the scholarship an analysis request names, from its top-level `scholarshipId`, as the
 * eligibility service's analysis body has it beside the profile. A body without one, which the
 * service rejects, is keyed by the catalog generation instead.
 */
export function analysisScholarshipId(body: Readonly<Record<string, unknown>>): string | undefined {
  const id = body.scholarshipId;
  return typeof id === 'string' ? normalizeScholarshipId(id.trim()) : undefined;
}
