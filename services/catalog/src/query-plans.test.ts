import { createDatabase, type Database, migrateLatest, type Statement } from '@scholarships/db';
import { createTestDatabase, type TestDatabase } from '@scholarships/local-infra';
import { savedScholarships } from './interactions';
import { migrations } from './migrations';
import { loadLargeCatalog } from './sample-data';
import { scholarshipById, scholarshipsByIds } from './scholarships';

/** The fields of a node of `EXPLAIN (FORMAT JSON)` that the checks read. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

type PlanMode = 'custom' | 'generic';

let database: TestDatabase;
let db: Database;
let sampleIds: string[];
let heavyUser: string;

beforeAll(async () => {
  database = await createTestDatabase('catalog_plans');
  // Loading 300,000 rows takes single statements past the 5-second default limit on a busy machine.
  db = createDatabase({
    connectionString: database.connectionString,
    applicationName: 'plans',
    statementTimeoutMs: 120_000,
  });
  await migrateLatest(db.knex, { service: 'catalog', migrations });
  await loadLargeCatalog(db.knex);
  const rows = await db.knex('scholarships').select('id').orderByRaw('md5(id::text)').limit(20);
  sampleIds = rows.map((row: { id: string }) => row.id);
  const [top] = await db
    .knex('user_interactions')
    .select('user_id')
    .where('interaction_type', 'saved')
    .groupBy('user_id')
    .orderByRaw('count(*) DESC, user_id')
    .limit(1);
  heavyUser = top.user_id;
}, 300_000);

afterAll(async () => {
  await db.close();
  await database.drop();
});

/**
 * Returns the plan of a statement as prepared statements run it: a custom plan
 * built for the given values, or the generic plan PostgreSQL switches to
 * after five executions (EXPLAIN's GENERIC_PLAN option, PostgreSQL 16+).
 */
async function planOf(statement: Statement, mode: PlanMode): Promise<PlanNode[]> {
  const explain =
    mode === 'generic'
      ? db.pool.query(`EXPLAIN (FORMAT JSON, GENERIC_PLAN) ${statement.text}`)
      : db.pool.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
  const result = await explain;
  const [document] = result.rows[0]['QUERY PLAN'] as { Plan: PlanNode }[];
  if (!document) throw new Error(`EXPLAIN returned no plan for ${statement.name}`);
  return flatten(document.Plan);
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

function indexesUsed(nodes: readonly PlanNode[], relation: string): string[] {
  return nodes
    .filter(
      (node) => node['Relation Name'] === relation || node['Node Type'] === 'Bitmap Index Scan',
    )
    .flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []));
}

function sequentialScans(nodes: readonly PlanNode[]): string[] {
  return nodes
    .filter((node) => node['Node Type'] === 'Seq Scan')
    .map((node) => node['Relation Name'] ?? '?');
}

describe.each<PlanMode>(['custom', 'generic'])('%s plans on the large catalog', (mode) => {
  it('find one scholarship through the primary key', async () => {
    const nodes = await planOf(scholarshipById(db.knex, sampleIds[0] ?? ''), mode);
    expect(sequentialScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes, 'scholarships')).toContain('scholarships_pkey');
  });

  it('find a batch of 20 through the primary key', async () => {
    const nodes = await planOf(scholarshipsByIds(db.knex, sampleIds), mode);
    expect(sequentialScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes, 'scholarships')).toContain('scholarships_pkey');
  });

  it('list saved scholarships through the user index', async () => {
    const nodes = await planOf(savedScholarships(db.knex, heavyUser, undefined, 21), mode);
    expect(sequentialScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes, 'user_interactions')).toContain('idx_interactions_user_scholarship');
    expect(indexesUsed(nodes, 'scholarships')).toContain('scholarships_pkey');
  });
});
