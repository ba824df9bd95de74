import {
  chmod,
  lchown,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rm,
  stat,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LogCallback } from './log-tail';
import type { SystemAccount } from './passwd-file';

export function hasCluster(dataDir: string): Promise<boolean> {
  return stat(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/**
 * Creates the data directory with mode 0700 and, when the server runs as another account,
 * gives that account ownership of the directory and everything in it.
 */
export async function prepareDataDir(
  dataDir: string,
  account: SystemAccount | undefined,
  log: LogCallback,
): Promise<void> {
  // Parents get the default mode, because a recursive mkdir with mode 0700 would keep the
  // server account out of every directory it creates.
  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o700);
  if (!account) {
    return;
  }
  const owner = await stat(dataDir);
  if (owner.uid !== account.uid || owner.gid !== account.gid) {
    log(`changing the owner of ${dataDir} to ${account.name}`);
    await chownTree(dataDir, account);
  }
}

/** Rejects a directory that has files but no PG_VERSION, because initdb would fail on it. */
export async function assertEmptyForInitdb(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir);
  if (entries.length > 0) {
    throw new Error(
      `Data directory ${dataDir} is not empty but has no PG_VERSION, so it is not a PostgreSQL data directory; pass an empty or missing directory as dataDir`,
    );
  }
}

/**
 * Removes a postmaster.pid (and the socket lock files of the same PID) left by a server that
 * was killed, but only when no postgres process of this data directory runs with that PID now.
 * PostgreSQL itself rejects a lock file whose PID is alive, even when the PID was reused by
 * another cluster's server.
 */
export async function removeStalePidFile(dataDir: string, log: LogCallback): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pidLine = content.split('\n')[0] ?? '';
  const pid = Number.parseInt(pidLine, 10);
  if (Number.isInteger(pid) && pid > 0 && (await isServerOf(pid, dataDir))) {
    throw new Error(
      `Data directory ${dataDir} is in use: its postmaster.pid names PID ${pid}, which is a running postgres process. If another platform or test run uses it, stop that run or use another data directory (DATA_DIR for npm start). If none does, as after a launcher killed with SIGKILL, stop the server with \`kill -INT ${pid}\`, which PostgreSQL treats as a fast shutdown`,
    );
  }
  await rm(pidFile, { force: true });
  await removeSocketLocks(dataDir, pidLine);
  log(`removed stale ${pidFile} of PID ${Number.isNaN(pid) ? 'unknown' : pid}`);
}

async function removeSocketLocks(dataDir: string, pidLine: string): Promise<void> {
  const entries = await readdir(dataDir);
  for (const entry of entries) {
    if (!/^\.s\.PGSQL\.\d+\.lock$/.test(entry)) {
      continue;
    }
    const lock = join(dataDir, entry);
    const lockPid = (await readFile(lock, 'utf8').catch(() => '')).split('\n')[0];
    if (lockPid === pidLine) {
      await rm(lock, { force: true });
    }
  }
}

/**
 * Returns whether `pid` is a postgres process working in `dataDir`: PostgreSQL's processes change
 * into their data directory at start. When the working directory cannot be read (another user's
 * process without root), any postgres process counts, so a running server is never taken for a
 * stale one.
 */
async function isServerOf(pid: number, dataDir: string): Promise<boolean> {
  try {
    const name = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    if (name !== 'postgres' && name !== 'postmaster') return false;
  } catch {
    return false;
  }
  try {
    return (await readlink(`/proc/${pid}/cwd`)) === (await realpath(dataDir));
  } catch {
    return true;
  }
}

/** Changes owners without following symlinks, which pg_wal and tablespaces can be. */
async function chownTree(path: string, account: SystemAccount): Promise<void> {
  await lchown(path, account.uid, account.gid);
  const info = await lstat(path);
  if (!info.isDirectory()) {
    return;
  }
  for (const entry of await readdir(path)) {
    await chownTree(join(path, entry), account);
  }
}
