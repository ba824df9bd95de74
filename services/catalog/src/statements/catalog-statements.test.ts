import { MAX_STATEMENT_NAME_BYTES, StatementRegistry } from '@scholarships/db';
import knexFactory from 'knex';
import { savedScholarships } from '../interactions';
import { scholarshipById, scholarshipsByIds } from '../scholarships';
import { catalogStatements } from './catalog-statements';

const knex = knexFactory({ client: 'pg' });

describe('catalog statements', () => {
  it('register together without a name collision', () => {
    const registry = new StatementRegistry();
    for (const statement of catalogStatements(knex)) {
      registry.register(statement.name, statement.text);
    }
    expect(registry.entries()).toHaveLength(catalogStatements(knex).length);
  });

  it('have names that PostgreSQL does not truncate', () => {
    for (const statement of catalogStatements(knex)) {
      expect(Buffer.byteLength(statement.name)).toBeLessThanOrEqual(MAX_STATEMENT_NAME_BYTES);
    }
  });

  it('keep one text per name whatever the parameters', () => {
    const registry = new StatementRegistry();
    const variants = [
      scholarshipById(knex, 'a'),
      scholarshipById(knex, 'b'),
      scholarshipsByIds(knex, ['a']),
      scholarshipsByIds(knex, ['a', 'b', 'c']),
      savedScholarships(knex, 'user-1', undefined, 21),
      savedScholarships(knex, 'user-2', 12345, 3),
    ];
    for (const statement of variants) registry.register(statement.name, statement.text);
    expect(registry.entries()).toHaveLength(3);
  });
});
