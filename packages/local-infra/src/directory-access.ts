import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SystemAccount } from './passwd-file';

/**
 * Returns the first directory on the way from / to `path` (inclusive) that `account` cannot
 * enter, judged by mode bits against its uid and primary gid. Node.js drops supplementary
 * groups when it spawns with a uid, so those groups do not count. ACLs are not read.
 */
export async function findBlockedDirectory(
  path: string,
  account: SystemAccount,
): Promise<{ directory: string; mode: number; uid: number } | undefined> {
  const directories: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    directories.unshift(current);
    if (dirname(current) === current) {
      break;
    }
  }
  for (const directory of directories) {
    const info = await stat(directory);
    if (!canSearch(info.mode, info.uid, info.gid, account)) {
      return { directory, mode: info.mode & 0o7777, uid: info.uid };
    }
  }
  return undefined;
}

function canSearch(mode: number, uid: number, gid: number, account: SystemAccount): boolean {
  if (uid === account.uid) {
    return (mode & 0o100) !== 0;
  }
  if (gid === account.gid) {
    return (mode & 0o010) !== 0;
  }
  return (mode & 0o001) !== 0;
}

/** Rejects a path that `account` cannot reach, naming the directory that blocks it. */
export async function assertReachable(
  path: string,
  account: SystemAccount,
  purpose: string,
): Promise<void> {
  const blocked = await findBlockedDirectory(path, account);
  if (blocked) {
    throw new Error(
      `User ${account.name} cannot reach ${purpose} ${path}: directory ${blocked.directory} has mode ${blocked.mode.toString(8)} and owner uid ${blocked.uid}. Choose a path under a directory that others can enter, such as /tmp, or run chmod o+x on ${blocked.directory}`,
    );
  }
}
