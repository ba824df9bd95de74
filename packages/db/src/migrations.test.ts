import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import {
  isMigrationLockError,
  type Migration,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
  migrateUnlock,
  runMigrationCli,
} from './index';

const serverUrl = process.env.TEST_DATABASE_URL ?? '';
const table = `migration_probe_${randomBytes(4).toString('hex')}`;
const index = `${table}_code_idx`;

/** A table, a concurrently built index on it, then a column: the index sits in the middle. */
const steps: Migration[] = [
  {
    name: '001-create-table',
    up: async (knex) => {
      await knex.schema.createTable(table, (columns) => {
        columns.increments('id');
        columns.text('code');
      });
    },
    down: async (knex) => {
      await knex.schema.dropTable(table);
    },
  },
  {
    name: '002-index-code',
    config: { transaction: false },
    standalone: true,
    up: async (knex) => {
      await knex.raw('CREATE INDEX CONCURRENTLY ?? ON ?? (code)', [index, table]);
    },
    down: async (knex) => {
      await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS ??', [index]);
    },
  },
  {
    name: '003-add-note',
    up: async (knex) => {
      await knex.schema.alterTable(table, (columns) => columns.text('note'));
    },
    down: async (knex) => {
      await knex.schema.alterTable(table, (columns) => columns.dropColumn('note'));
    },
  },
];
const options = { service: `probe_${randomBytes(3).toString('hex')}`, migrations: steps };

let knex: Knex;

beforeAll(async () => {
  knex = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 2 } });
  await migrateLatest(knex, options);
});

afterAll(async () => {
  await migrateRollbackAll(knex, options);
  await knex.destroy();
});

async function indexExists(): Promise<boolean> {
  const result = await knex.raw<{ rows: unknown[] }>('SELECT 1 FROM pg_class WHERE relname = ?', [
    index,
  ]);
  return result.rows.length === 1;
}

describe('migrateDown by name', () => {
  it('reverts a middle index migration alone', async () => {
    expect(await migrateDown(knex, options, '002-index-code')).toEqual(['002-index-code']);

    expect(await indexExists()).toBe(false);
    expect(await knex.schema.hasColumn(table, 'note')).toBe(true);
  });

  it('re-applies only the reverted migration', async () => {
    expect(await migrateLatest(knex, options)).toEqual(['002-index-code']);

    expect(await indexExists()).toBe(true);
  });

  it('rejects a step that later steps build on', async () => {
    await expect(migrateDown(knex, options, '001-create-table')).rejects.toThrow(
      'has migrations applied after it, which may build on it; revert them first with "down", most recently applied first: 002-index-code, 003-add-note',
    );
    expect(await knex.schema.hasTable(table)).toBe(true);
  });

  it('rejects an unknown name and lists the known ones', async () => {
    await expect(migrateDown(knex, options, '009-missing')).rejects.toThrow(
      'no migration named "009-missing"; known: 001-create-table, 002-index-code, 003-add-note',
    );
  });
});

describe('migration lock', () => {
  const lockTable = `knex_migrations_${options.service}_lock`;
  const setLock = async (locked: boolean) => {
    await knex(lockTable).update({ is_locked: locked ? 1 : 0 });
  };

  it('releases a lock that a killed run left set', async () => {
    await setLock(true);
    const blocked = await migrateLatest(knex, options).catch((error: unknown) => error);
    expect(isMigrationLockError(blocked)).toBe(true);

    await migrateUnlock(knex, options);
    await expect(migrateLatest(knex, options)).resolves.toEqual([]);
  });

  /** Runs the CLI with its output captured; returns what it wrote to stdout and stderr. */
  async function runCli(): Promise<{ output: string; errors: string }> {
    const output = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await runMigrationCli(options, ['latest'], { DATABASE_URL: serverUrl });
      return {
        output: output.mock.calls.map((call) => String(call[0])).join(''),
        errors: errors.mock.calls.map((call) => String(call[0])).join(''),
      };
    } finally {
      output.mockRestore();
      errors.mockRestore();
    }
  }

  it('releases in the CLI a lock row left by a killed run', async () => {
    await setLock(true);
    const { output, errors } = await runCli();
    expect(process.exitCode ?? 0).toBe(0);
    expect(errors).toContain('releasing the lock left by a run that was killed');
    expect(output).toContain('"command":"latest"');
  });

  it('waits in the CLI while another run is active', async () => {
    const other = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 1, max: 1 } });
    const key = `knex_migrations_${options.service}`;
    try {
      await other.raw('SELECT pg_advisory_lock(hashtext(?))', [key]);
      const release = setTimeout(() => {
        void other.raw('SELECT pg_advisory_unlock(hashtext(?))', [key]).then(() => undefined);
      }, 600);
      const { output, errors } = await runCli();
      clearTimeout(release);
      expect(process.exitCode ?? 0).toBe(0);
      expect(errors).toContain('another run is active');
      expect(output).toContain('"command":"latest"');
    } finally {
      process.exitCode = undefined;
      await other.destroy();
    }
  });
});

describe('dependent services', () => {
  const dependentTable = `${table}_dependent`;
  const dependent = {
    service: `${options.service}_dependent`,
    migrations: [
      {
        name: '001-create-dependent',
        up: async (knex: Knex) => {
          await knex.schema.createTable(dependentTable, (columns) => columns.increments('id'));
        },
        down: async (knex: Knex) => {
          await knex.schema.dropTable(dependentTable);
        },
      },
    ],
  };
  const withDependent = { ...options, dependents: [dependent.service] };

  it('rejects a full revert under a dependent', async () => {
    await migrateLatest(knex, dependent);
    try {
      await expect(migrateRollbackAll(knex, withDependent)).rejects.toThrow(
        `${dependent.service} migrations build on ${options.service}'s tables`,
      );
      expect(await knex.schema.hasTable(table)).toBe(true);
    } finally {
      await migrateRollbackAll(knex, dependent);
    }
  });

  it('reverts a standalone step under a dependent', async () => {
    await migrateLatest(knex, dependent);
    try {
      expect(await migrateDown(knex, withDependent, '002-index-code')).toEqual(['002-index-code']);
      expect(await migrateLatest(knex, withDependent)).toEqual(['002-index-code']);
    } finally {
      await migrateRollbackAll(knex, dependent);
    }
  });
});
