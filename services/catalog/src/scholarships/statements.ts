import { SCHOLARSHIP_COLUMNS } from '@scholarships/contracts';
import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';

/** Hot read statements of the catalog, each with a fixed name and text. */
export function scholarshipById(knex: Knex, id: string): Statement {
  return toStatement(
    'catalog_scholarship_by_id',
    knex('scholarships').select(SCHOLARSHIP_COLUMNS).where('id', id),
  );
}

/** One statement for any number of ids: the ids travel as one uuid[] parameter. */
export function scholarshipsByIds(knex: Knex, ids: readonly string[]): Statement {
  return toStatement(
    'catalog_scholarships_by_ids',
    knex('scholarships')
      .select(SCHOLARSHIP_COLUMNS)
      .whereRaw('id = ANY(?::uuid[])', [ids as string[]]),
  );
}
