import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';
import { CANDIDATE_COLUMNS } from '../eligibility/candidate';

export const SCHOLARSHIP_FOR_ANALYSIS_STATEMENT = 'eligibility_scholarship_by_id';

/** Builds the statement that reads one scholarship's match columns and version by primary key. */
export function scholarshipForAnalysis(knex: Knex, id: string): Statement {
  return toStatement(
    SCHOLARSHIP_FOR_ANALYSIS_STATEMENT,
    knex('scholarships')
      .select([...CANDIDATE_COLUMNS, 'version'])
      .where('id', id),
  );
}
