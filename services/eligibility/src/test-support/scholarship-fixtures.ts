import type { ScholarshipRow } from '@scholarships/contracts';
import type { Knex } from '@scholarships/db';

/** Columns a fixture may set. The others take the table's defaults or NULL. */
export type FixtureScholarship = Partial<
  Omit<ScholarshipRow, 'id' | 'version' | 'updated_at' | 'sources'>
> & {
  /** Unique `source_key`, also used to look the row's id up after insertion. */
  key: string;
  name: string;
  /** Data set the record is modelled on, stored in `sources`. */
  source?: 'helios' | 'bigfuture_arizona' | 'islt_7310' | 'scholarship_for_everyone';
};

function toInsert(fixture: FixtureScholarship): Record<string, unknown> {
  const { key, source = 'helios', ...columns } = fixture;
  return {
    ...columns,
    source_key: key,
    sources: JSON.stringify([{ source, ref: key }]),
  };
}

/** Inserts fixture rows into `scholarships` and returns their ids by key. */
export async function insertScholarships(
  knex: Knex,
  fixtures: readonly FixtureScholarship[],
): Promise<Map<string, string>> {
  const inserted: { id: string; source_key: string }[] = await knex('scholarships')
    .insert(fixtures.map(toInsert))
    .returning(['id', 'source_key']);
  return new Map(inserted.map((row) => [row.source_key, row.id]));
}
