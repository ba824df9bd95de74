import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SystemAccount } from './passwd-file';

/** Longest Unix socket path that Linux accepts (sun_path is 108 bytes with the final NUL). */
const MAX_SOCKET_PATH = 107;

export interface ServerArgsInput {
  dataDir: string;
  port: number;
  socketDir: string;
  ephemeral: boolean;
  settings: Readonly<Record<string, string | number>>;
}

/** Builds the postgres command line. `settings` come last, so they override the defaults. */
export function buildServerArgs(input: ServerArgsInput): string[] {
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port: input.port,
    unix_socket_directories: input.socketDir,
    max_connections: 200,
    shared_buffers: '32MB',
    ...(input.ephemeral
      ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }
      : {}),
    ...input.settings,
  };
  const args = ['-D', input.dataDir];
  for (const [name, value] of Object.entries(settings)) {
    if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) {
      throw new Error(`Invalid PostgreSQL setting name "${name}"; use names such as work_mem`);
    }
    args.push('-c', `${name}=${value}`);
  }
  return args;
}

/**
 * Returns whether PostgreSQL can put its socket in `directory`: the path must fit in
 * sun_path with the `.s.PGSQL.<port>` file name, and unix_socket_directories splits on commas.
 */
export function isUsableSocketDir(directory: string): boolean {
  const longestSocket = join(directory, '.s.PGSQL.65535.lock');
  return longestSocket.length <= MAX_SOCKET_PATH && !/[,"\s]/.test(directory);
}

/**
 * Writes pg_hba.conf: trust on the Unix socket, which only the server account and root can
 * reach (its directory has mode 0700), and TCP from 127.0.0.1 with SCRAM when a password is
 * set, otherwise trust. Any other address is rejected because no line matches it.
 */
export async function writeHbaConf(
  dataDir: string,
  passwordAuth: boolean,
  account: SystemAccount | undefined,
): Promise<void> {
  const method = passwordAuth ? 'scram-sha-256' : 'trust';
  const lines = [
    '# Written by @scholarships/local-infra at every start; edits are overwritten.',
    'local all all trust',
    `host all all 127.0.0.1/32 ${method}`,
    '',
  ];
  const path = join(dataDir, 'pg_hba.conf');
  await writeFile(path, lines.join('\n'), { mode: 0o600 });
  if (account) {
    await chown(path, account.uid, account.gid);
  }
}
