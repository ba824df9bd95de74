import type { LogCallback } from './log-tail';
import { findSystemAccount, type SystemAccount } from './passwd-file';
import { runCommand } from './run-command';

/** Accounts tried in order when running as root and no server user is given. */
const CANDIDATE_ACCOUNTS = ['postgres', 'nobody'];

/** System account created with useradd when none of the candidates exists. */
const CREATED_ACCOUNT = 'local-infra';

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Picks the unprivileged account that runs PostgreSQL when this process is root, because
 * PostgreSQL rejects running as root. Returns undefined when not root: the server then runs
 * as the current user.
 */
export async function resolveServerAccount(
  requested: string | undefined,
  log: LogCallback,
): Promise<SystemAccount | undefined> {
  if (!isRoot()) {
    return undefined;
  }
  if (requested !== undefined) {
    const account = await findSystemAccount(requested);
    if (!account) {
      throw new Error(
        `Server user "${requested}" was not found in /etc/passwd; create it or omit serverUser`,
      );
    }
    return rejectRoot(account);
  }
  for (const name of CANDIDATE_ACCOUNTS) {
    const account = await findSystemAccount(name);
    if (account) {
      return rejectRoot(account);
    }
  }
  log(`creating system user ${CREATED_ACCOUNT} to run PostgreSQL`);
  await runCommand(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      CREATED_ACCOUNT,
    ],
    { timeoutMs: 30_000, log },
  );
  const created = await findSystemAccount(CREATED_ACCOUNT);
  if (!created) {
    throw new Error(`useradd reported success but ${CREATED_ACCOUNT} is missing from /etc/passwd`);
  }
  return created;
}

function rejectRoot(account: SystemAccount): SystemAccount {
  if (account.uid === 0) {
    throw new Error(
      `Server user "${account.name}" has uid 0, but PostgreSQL does not run as root; pick an unprivileged user`,
    );
  }
  return account;
}
