import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type PostgresServer, startPostgres } from './start-postgres';
import { isProcessRunning, processGroupOf } from './test-support/process-state';

const SYSTEM_PG15_BIN = '/usr/lib/postgresql/15/bin';

/** Calls `check` every 10 ms until it returns a value, for at most `limitMs`. */
async function pollFor<T>(
  check: () => Promise<T | undefined>,
  limitMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

async function queryRows(
  connectionString: string,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  let workDir: string;
  const started: PostgresServer[] = [];

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'local-infra-test-'));
    // mkdtemp creates mode 0700; the server account must be able to enter the directory.
    await chmod(workDir, 0o755);
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
    await rm(workDir, { recursive: true, force: true });
  });

  test('temporary cluster runs queries', async () => {
    const server = await startPostgres({ ephemeral: true });
    started.push(server);

    const [settings] = await queryRows(
      server.connectionString,
      `SELECT current_setting('fsync') AS fsync,
              current_setting('listen_addresses') AS listen,
              current_setting('max_connections') AS max_connections,
              current_setting('server_encoding') AS encoding`,
    );
    expect(settings?.fsync).toBe('off');
    expect(settings?.listen).toBe('127.0.0.1');
    expect(settings?.max_connections).toBe('200');
    expect(settings?.encoding).toBe('UTF8');
    expect(server.connectionString).toBe(`postgresql://postgres@127.0.0.1:${server.port}/postgres`);

    await server.stop();
    expect(isProcessRunning(server.pid)).toBe(false);
    expect(existsSync(server.dataDir)).toBe(false);
  }, 60_000);

  test('server shares the process group of its caller unless asked for its own', async () => {
    const shared = await startPostgres({ ephemeral: true });
    started.push(shared);
    const own = await startPostgres({ ephemeral: true, ownProcessGroup: true });
    started.push(own);
    const callerGroup = await processGroupOf(process.pid);

    expect(await processGroupOf(shared.pid)).toBe(callerGroup);
    expect(await processGroupOf(own.pid)).toBe(own.pid);

    await own.stop();
    expect(isProcessRunning(own.pid)).toBe(false);
  }, 60_000);

  test('a server of its own group stops when the caller exits during start', async () => {
    const dataDir = join(workDir, 'data');
    const script = join(workDir, 'start.js');
    const entry = join(__dirname, '..', 'dist', 'index.js');
    await writeFile(
      script,
      [
        `const { startPostgres } = require(${JSON.stringify(entry)});`,
        'process.on("SIGINT", () => process.exit(0));',
        'startPostgres({ dataDir: process.argv[2], ephemeral: true, ownProcessGroup: true });',
      ].join('\n'),
    );
    const caller = spawn(process.execPath, [script, dataDir], { stdio: 'ignore' });
    const exited = once(caller, 'exit');
    let serverPid: number | undefined;
    try {
      // postgres writes postmaster.pid at once, long before it accepts connections.
      serverPid = await pollFor(async () => {
        const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
        const pid = Number(text.split('\n', 1)[0]);
        return pid > 0 ? pid : undefined;
      }, 60_000);
      caller.kill('SIGINT');
      await exited;

      expect(
        await pollFor(async () => !isProcessRunning(serverPid ?? 0) || undefined, 10_000),
      ).toBe(true);
    } finally {
      caller.kill('SIGKILL');
      if (serverPid !== undefined && isProcessRunning(serverPid))
        process.kill(serverPid, 'SIGKILL');
    }
  }, 90_000);

  test('persistent data directory is reused', async () => {
    const dataDir = join(workDir, 'missing-parent', 'data');
    const options = { dataDir, database: 'catalog', user: 'app', password: 'p@ss word' };
    const first = await startPostgres(options);
    started.push(first);
    expect(first.connectionString).toBe(
      `postgresql://app:p%40ss%20word@127.0.0.1:${first.port}/catalog`,
    );
    await queryRows(
      first.connectionString,
      'CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)',
    );
    const [durability] = await queryRows(
      first.connectionString,
      "SELECT current_setting('fsync') AS fsync",
    );
    expect(durability?.fsync).toBe('on');
    await first.stop();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

    const logLines: string[] = [];
    const second = await startPostgres({ ...options, log: (line) => logLines.push(line) });
    started.push(second);
    const rows = await queryRows(second.connectionString, 'SELECT id FROM kept');
    expect(rows).toEqual([{ id: 7 }]);
    expect(logLines.some((line) => line.includes('initdb'))).toBe(false);
  }, 90_000);

  test('password is required over TCP', async () => {
    const server = await startPostgres({ ephemeral: true, password: 'right' });
    started.push(server);
    const wrong = new Client({
      connectionString: `postgresql://postgres:wrong@127.0.0.1:${server.port}/postgres`,
    });

    await expect(wrong.connect()).rejects.toMatchObject({ code: '28P01' });
    await expect(queryRows(server.connectionString, 'SELECT 1 AS one')).resolves.toEqual([
      { one: 1 },
    ]);
  }, 60_000);

  test('stale postmaster.pid is removed', async () => {
    const dataDir = join(workDir, 'data');
    const first = await startPostgres({ dataDir, ephemeral: true });
    await first.stop();
    // This jest worker's PID is alive but is not a postgres process.
    await writeFile(join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n`);

    const logLines: string[] = [];
    const second = await startPostgres({
      dataDir,
      ephemeral: true,
      log: (line) => logLines.push(line),
    });
    started.push(second);

    expect(logLines.some((line) => line.includes('removed stale'))).toBe(true);
    await expect(queryRows(second.connectionString, 'SELECT 1 AS one')).resolves.toEqual([
      { one: 1 },
    ]);
  }, 90_000);

  test('postmaster.pid naming another cluster is stale', async () => {
    const other = await startPostgres({ ephemeral: true });
    started.push(other);
    const dataDir = join(workDir, 'data');
    const first = await startPostgres({ dataDir, ephemeral: true });
    await first.stop();
    // A live postgres process, but of another cluster, as after the PID was reused.
    await writeFile(join(dataDir, 'postmaster.pid'), `${other.pid}\n${dataDir}\n`);

    const second = await startPostgres({ dataDir, ephemeral: true });
    started.push(second);

    await expect(queryRows(second.connectionString, 'SELECT 1 AS one')).resolves.toEqual([
      { one: 1 },
    ]);
  }, 90_000);

  test('data directory in use is rejected', async () => {
    const dataDir = join(workDir, 'data');
    const running = await startPostgres({ dataDir, ephemeral: true });
    started.push(running);

    const second = startPostgres({ dataDir, ephemeral: true });

    await expect(second).rejects.toThrow(
      `Data directory ${dataDir} is in use: its postmaster.pid names PID ${running.pid}`,
    );
    await expect(second).rejects.toThrow(`stop the server with \`kill -INT ${running.pid}\``);
  }, 60_000);

  test('startup failure quotes the server log', async () => {
    const failure = startPostgres({ ephemeral: true, settings: { shared_buffers: 'plenty' } });

    await expect(failure).rejects.toThrow(/exited with code \d+ during startup/);
    await expect(failure).rejects.toThrow(/invalid value for parameter "shared_buffers"/);
  }, 60_000);

  test('non-empty directory without PG_VERSION is rejected', async () => {
    const dataDir = join(workDir, 'not-a-cluster');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'hello');

    await expect(startPostgres({ dataDir })).rejects.toThrow(/is not empty but has no PG_VERSION/);
  });

  const asRoot = process.getuid?.() === 0 ? test : test.skip;
  asRoot('unreachable data directory is reported', async () => {
    await chmod(workDir, 0o700);
    const dataDir = join(workDir, 'data');

    await expect(startPostgres({ dataDir })).rejects.toThrow(
      `cannot reach data directory ${dataDir}: directory ${workDir} has mode 700 and owner uid 0`,
    );
  });

  asRoot(
    'serverUser takes over the data directory',
    async () => {
      const dataDir = join(workDir, 'data');
      const first = await startPostgres({ dataDir, ephemeral: true });
      await first.stop();

      const server = await startPostgres({ dataDir, ephemeral: true, serverUser: 'nobody' });
      started.push(server);

      expect((await stat(dataDir)).uid).toBe(65_534);
      expect((await stat(join(dataDir, 'PG_VERSION'))).uid).toBe(65_534);
      const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
      expect(status).toMatch(/^Uid:\t65534\t/m);
    },
    60_000,
  );

  test('port in use is reported', async () => {
    const blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startPostgres({ ephemeral: true, port })).rejects.toThrow(
        /Address already in use/,
      );
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 60_000);

  test('missing binDir is reported', async () => {
    const binDir = join(workDir, 'no-such-bin');

    await expect(startPostgres({ binDir })).rejects.toThrow(
      `PostgreSQL binary ${join(binDir, 'postgres')} is missing or not executable`,
    );
  });

  test('long data directory path gets a separate socket directory', async () => {
    const dataDir = join(workDir, 'd'.repeat(100));
    const server = await startPostgres({ dataDir, ephemeral: true });
    started.push(server);

    const [row] = await queryRows(
      server.connectionString,
      "SELECT current_setting('unix_socket_directories') AS socket_dir",
    );
    expect(String(row?.socket_dir).startsWith(tmpdir())).toBe(true);
    const socketDir = String(row?.socket_dir);
    await server.stop();
    expect(existsSync(socketDir)).toBe(false);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  }, 60_000);

  const withSystemPostgres = existsSync(join(SYSTEM_PG15_BIN, 'postgres')) ? test : test.skip;
  withSystemPostgres(
    'binDir selects other binaries',
    async () => {
      const server = await startPostgres({ binDir: SYSTEM_PG15_BIN, ephemeral: true });
      started.push(server);

      const [row] = await queryRows(
        server.connectionString,
        "SELECT current_setting('server_version_num') AS version",
      );
      expect(String(row?.version)).toMatch(/^15\d{4}$/);
    },
    60_000,
  );
});
