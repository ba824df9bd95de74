import type { LogCallback } from './log-tail';
import type { SystemAccount } from './passwd-file';
import type { PostgresBinaries } from './postgres-binaries';
import { runCommand } from './run-command';

export interface InitdbInput {
  dataDir: string;
  superuser: string;
  /** Skips fsync of the new files (initdb --no-sync). */
  ephemeral: boolean;
  timeoutMs: number;
  log: LogCallback;
}

/**
 * Creates a cluster with initdb. C.UTF-8 gives byte-order collation that does not depend on
 * the machine's locales while still classifying non-ASCII letters. pg_hba.conf is written
 * again at every start, so initdb's trust setting lasts only until then.
 */
export async function runInitdb(
  binaries: PostgresBinaries,
  account: SystemAccount | undefined,
  input: InitdbInput,
): Promise<void> {
  const args = [
    '-D',
    input.dataDir,
    '-U',
    input.superuser,
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-instructions',
  ];
  if (input.ephemeral) {
    args.push('--no-sync');
  }
  await runCommand(binaries.initdb, args, {
    cwd: input.dataDir,
    uid: account?.uid,
    gid: account?.gid,
    timeoutMs: input.timeoutMs,
    log: input.log,
  });
}
