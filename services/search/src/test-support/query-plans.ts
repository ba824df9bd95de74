import type { Database, Statement } from '@scholarships/db';

/** One node of a plan in `EXPLAIN (FORMAT JSON)` output, with the fields the tests read. */
export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  /** Rows per loop, present with `analyze`. */
  'Actual Rows'?: number;
  /** Times the node ran, 0 when it never did, present with `analyze`. */
  'Actual Loops'?: number;
  /** Rows per loop that a filter or an index recheck removed, present with `analyze`. */
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** A scan of a plan: an index scan names its index, a sequential scan its table. */
export interface PlanScan {
  type: string;
  target: string;
}

const INDEX_SCANS = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

/** Lists every index scan and sequential scan of a plan tree, depth first. */
export function planScans(node: PlanNode, scans: PlanScan[] = []): PlanScan[] {
  const type = node['Node Type'];
  if (INDEX_SCANS.has(type) && node['Index Name']) {
    scans.push({ type, target: node['Index Name'] });
  } else if (type === 'Seq Scan' && node['Relation Name']) {
    scans.push({ type, target: node['Relation Name'] });
  }
  for (const child of node.Plans ?? []) planScans(child, scans);
  return scans;
}

/** Quotes text as an SQL string literal, with `standard_conforming_strings` on (the default). */
function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Writes a bound value as an SQL literal for `EXECUTE`. Arrays become array literals. */
function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => `"${String(item).replace(/["\\]/g, '\\$&')}"`);
    return quoteText(`{${items.join(',')}}`);
  }
  return quoteText(String(value));
}

/** Executions after which the plan cache has chosen between a generic and a custom plan. */
const PLAN_CACHE_SETTLED_AFTER = 6;

/**
 * Returns the plan a named statement runs with on a pooled connection once
 * the plan cache has settled: PostgreSQL plans the first five executions with
 * their values (custom plans) and then keeps a generic plan when it is not
 * costlier. The statement is executed that many times first, as the pool
 * would, and the plan comes from `EXPLAIN EXECUTE`, which reads the same
 * plan cache. With `analyze`, the plan also carries the rows each node read.
 */
export async function settledPlan(
  db: Database,
  statement: Statement,
  options: { analyze?: boolean } = {},
): Promise<PlanNode> {
  const client = await db.pool.connect();
  try {
    for (let run = 0; run < PLAN_CACHE_SETTLED_AFTER; run += 1) await client.query(statement);
    const values = statement.values.map(sqlLiteral).join(', ');
    const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON${options.analyze ? ', ANALYZE' : ''}) EXECUTE ${statement.name}(${values})`,
    );
    const [explained] = result.rows[0]?.['QUERY PLAN'] ?? [];
    if (!explained) throw new Error(`EXPLAIN EXECUTE ${statement.name} returned no plan`);
    return explained.Plan;
  } finally {
    client.release();
  }
}

/** Lists every node of a plan tree, depth first. */
function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** Sums the rows that the nodes meeting `selected` returned, over every loop. */
function rowsReturned(plan: PlanNode, selected: (node: PlanNode) => boolean): number {
  return planNodes(plan)
    .filter(selected)
    .reduce((sum, node) => sum + (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 0), 0);
}

/**
 * Sums the rows that bitmap heap scans returned from a bitmap of `index`
 * alone (not combined with another index), over every loop.
 */
export function rowsReadThrough(plan: PlanNode, index: string): number {
  return rowsReturned(
    plan,
    (node) =>
      node['Node Type'] === 'Bitmap Heap Scan' &&
      (node.Plans ?? []).some(
        (child) => child['Node Type'] === 'Bitmap Index Scan' && child['Index Name'] === index,
      ),
  );
}

/**
 * Sums the rows that the scans of an analyzed plan read, over every loop: the rows each
 * returned and those its filter or recheck removed.
 */
export function rowsScanned(plan: PlanNode): number {
  return planNodes(plan)
    .filter((node) => planScans({ ...node, Plans: [] }).length > 0)
    .reduce((sum, node) => {
      const read =
        (node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0);
      return sum + read * (node['Actual Loops'] ?? 0);
    }, 0);
}

/** Sums the rows that index scans and index-only scans of `index` returned, over every loop. */
export function rowsReadFrom(plan: PlanNode, index: string): number {
  return rowsReturned(
    plan,
    (node) =>
      (node['Node Type'] === 'Index Scan' || node['Node Type'] === 'Index Only Scan') &&
      node['Index Name'] === index,
  );
}
