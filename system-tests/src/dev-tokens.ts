import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from '@scholarships/launcher';

const ISSUE_TOKEN_ENTRY = path.join(
  REPOSITORY_ROOT,
  'gateway',
  'dist',
  'tools',
  'issue-dev-token.js',
);

const run = promisify(execFile);

/**
 * Issues an access token with the gateway's own development tool, signed with `jwtSecret`, so a
 * gateway started with the same `JWT_SECRET` accepts it.
 */
export async function issueDevToken(
  jwtSecret: string,
  subject: string,
  roles: readonly string[] = [],
): Promise<string> {
  const args = [ISSUE_TOKEN_ENTRY, '--sub', subject];
  if (roles.length > 0) args.push('--roles', roles.join(','));
  const { stdout } = await run(process.execPath, args, {
    env: { ...process.env, JWT_SECRET: jwtSecret },
    timeout: 10_000,
  });
  return stdout.trim();
}
