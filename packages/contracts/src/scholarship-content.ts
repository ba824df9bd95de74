import { columnsFromFields } from './column-map';
import type { Scholarship } from './scholarship';
import { AWARD_COLUMNS, DEADLINE_COLUMNS, ELIGIBILITY_COLUMNS } from './scholarship-columns';
import type { ScholarshipRow } from './scholarship-row';

/**
 * Fields of a scholarship that its writers set, without the server-managed
 * id, sources, version and update time.
 */
export type ScholarshipContent = Pick<
  Scholarship,
  'name' | 'provider' | 'description' | 'url' | 'award' | 'deadline' | 'eligibility'
>;

/** The `scholarships` columns that store a ScholarshipContent. */
export type ScholarshipContentRow = Omit<
  ScholarshipRow,
  'id' | 'sources' | 'version' | 'updated_at'
>;

/** Maps a scholarship's content to the column values of its row. */
export function contentColumns(content: ScholarshipContent): ScholarshipContentRow {
  return {
    name: content.name,
    provider: content.provider,
    description: content.description,
    url: content.url,
    ...columnsFromFields(content.award, AWARD_COLUMNS),
    ...columnsFromFields(content.deadline, DEADLINE_COLUMNS),
    ...columnsFromFields(content.eligibility, ELIGIBILITY_COLUMNS),
  };
}
