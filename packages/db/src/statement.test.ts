import knexFactory from 'knex';
import { StatementRegistry, toStatement } from './statement';

const knex = knexFactory({ client: 'pg' });

describe('toStatement', () => {
  it('renders PostgreSQL placeholders and values', () => {
    const statement = toStatement(
      'scholarship_by_id',
      knex('scholarships').select('id').where('id', 'a-b'),
    );
    expect(statement).toEqual({
      name: 'scholarship_by_id',
      text: 'select "id" from "scholarships" where "id" = $1',
      values: ['a-b'],
    });
  });
});

describe('StatementRegistry', () => {
  it('accepts the same name with the same text', () => {
    const registry = new StatementRegistry();
    registry.register('a', 'select 1');
    expect(() => registry.register('a', 'select 1')).not.toThrow();
  });

  it('rejects one name for two texts', () => {
    const registry = new StatementRegistry();
    registry.register('a', 'select 1');
    expect(() => registry.register('a', 'select 2')).toThrow(/already used/);
  });

  it('rejects names equal in their first 63 bytes', () => {
    const registry = new StatementRegistry();
    const prefix = 'x'.repeat(63);
    registry.register(`${prefix}_one`, 'select 1');
    expect(() => registry.register(`${prefix}_two`, 'select 2')).toThrow(/first 63 bytes/);
  });
});
