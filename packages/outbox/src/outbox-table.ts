import type { InvalidationEvent } from '@scholarships/contracts';
import type { Knex, Migration } from '@scholarships/db';

/** Channel of the `NOTIFY` that wakes the relay as soon as a transaction with events commits. */
export function notifyChannel(table: string): string {
  return `${table}_inserted`;
}

/** A migration creating an outbox table of the given name, for the service that owns it. */
export function outboxMigration(name: string, table: string): Migration {
  return {
    name,
    async up(knex) {
      await knex.schema.createTable(table, (columns) => {
        columns.bigIncrements('id');
        columns.jsonb('event').notNullable();
        columns.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        columns.timestamp('published_at', { useTz: true });
      });
      await knex.raw(`CREATE INDEX ?? ON ?? (id) WHERE published_at IS NULL`, [
        `${table}_unpublished`,
        table,
      ]);
    },
    async down(knex) {
      await knex.schema.dropTable(table);
    },
  };
}

/**
 * Records events in the outbox inside the caller's transaction, so they
 * exist if and only if the write that caused them commits. The `NOTIFY` is
 * delivered on commit only, which wakes the relay without polling.
 */
export async function recordEvents(
  trx: Knex.Transaction,
  table: string,
  events: readonly InvalidationEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await trx(table).insert(events.map((event) => ({ event: JSON.stringify(event) })));
  await trx.raw('SELECT pg_notify(?, NULL)', [notifyChannel(table)]);
}
