import type { InvalidationEvent } from '@scholarships/contracts';

/** The id and new version of a scholarship row that a write changed. */
export interface ChangedScholarship {
  id: string;
  version: number;
}

/** Builds the `scholarship.changed` event that invalidates cached copies older than `version`. */
export function scholarshipChanged(row: ChangedScholarship): InvalidationEvent {
  return { type: 'scholarship.changed', scholarshipId: row.id, version: row.version };
}
