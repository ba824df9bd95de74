import type { Knex } from 'knex';

/** A named prepared statement in node-postgres form. */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
}

/** PostgreSQL truncates identifiers, prepared statement names included, to 63 bytes. */
export const MAX_STATEMENT_NAME_BYTES = 63;

/**
 * Remembers the text behind every statement name used by the process, so a
 * name can never stand for two different texts on one connection.
 */
export class StatementRegistry {
  private readonly textByName = new Map<string, string>();
  private readonly nameByPrefix = new Map<string, string>();

  /** Records `name` for `text`; throws when the name, or its first 63 bytes, already has another text. */
  register(name: string, text: string): void {
    const known = this.textByName.get(name);
    if (known !== undefined && known !== text) {
      throw new Error(`Prepared statement name "${name}" is already used for a different text`);
    }
    const prefix = Buffer.from(name).subarray(0, MAX_STATEMENT_NAME_BYTES).toString();
    const owner = this.nameByPrefix.get(prefix);
    if (owner !== undefined && owner !== name) {
      throw new Error(
        `Prepared statement names "${owner}" and "${name}" are equal in their first ` +
          `${MAX_STATEMENT_NAME_BYTES} bytes, which PostgreSQL treats as one name`,
      );
    }
    this.textByName.set(name, text);
    this.nameByPrefix.set(prefix, name);
  }

  /** Names and texts registered so far. */
  entries(): [string, string][] {
    return [...this.textByName.entries()];
  }
}

/** Turns a Knex query into a named statement with PostgreSQL `$n` placeholders. */
export function toStatement(name: string, query: Knex.QueryBuilder | Knex.Raw): Statement {
  const native = query.toSQL().toNative();
  return { name, text: native.sql, values: [...native.bindings] };
}
