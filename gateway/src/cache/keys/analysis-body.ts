import { normalizeScholarshipId } from './catalog-rules';

/**
 * Returns the scholarship an analysis request names, from its top-level `scholarshipId`.
 * NOTE: the analysis route is planned and not yet served; this follows its planned body, a
 * profile and a `scholarshipId`. A body without one is keyed by the catalog generation instead.
 */
export function analysisScholarshipId(body: Readonly<Record<string, unknown>>): string | undefined {
  const id = body.scholarshipId;
  return typeof id === 'string' ? normalizeScholarshipId(id.trim()) : undefined;
}
