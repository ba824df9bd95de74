import {
  CONTENT_COLUMNS,
  contentColumns,
  type ScholarshipContentRow,
} from '@scholarships/contracts';
import { nextDeadline } from '../normalize/next-deadline';
import type { ScholarshipRecord } from '../types';

/**
 * A `scholarships` row as the importer writes it: the shared row's content columns, its source key,
 * and `sources` as JSON text. The database fills id, version and timestamps.
 */
export type ScholarshipRow = ScholarshipContentRow & {
  source_key: string;
  /** JSON text of the `{source, ref}` array, so pg sends it as jsonb rather than as a Postgres array. */
  sources: string;
};

/** Columns an import may change; `source_key` identifies the row and never changes. */
export const IMPORTED_COLUMNS = ['sources', ...CONTENT_COLUMNS] as const satisfies ReadonlyArray<
  keyof ScholarshipRow
>;

/** Converts a normalized record to a row, projecting its deadline to the next occurrence on or after `today`. */
export function toScholarshipRow(record: ScholarshipRecord, today: string): ScholarshipRow {
  const deadline = record.deadlinePublished ? nextDeadline(record.deadlinePublished, today) : null;
  return {
    source_key: record.sourceKey,
    sources: JSON.stringify(record.sources),
    ...contentColumns({
      name: record.name,
      provider: record.provider,
      description: record.description,
      url: record.url,
      award: record.award,
      deadline: {
        next: deadline?.next ?? null,
        published: record.deadlinePublished,
        estimated: deadline?.estimated ?? false,
      },
      eligibility: {
        fieldsOfStudy: record.fieldsOfStudy,
        gradeLevels: record.gradeLevels,
        citizenship: record.citizenship,
        states: record.states,
        minGpa: record.minGpa,
        genders: record.genders,
        ethnicities: record.ethnicities,
        basis: record.basis,
        notes: record.eligibilityNotes,
      },
    }),
  };
}
