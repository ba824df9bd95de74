import { spawnSync } from 'node:child_process';

export interface PromtoolResult {
  status: number | null;
  output: string;
}

/**
 * Runs Debian's promtool with the given arguments. Throws when promtool is
 * not installed, naming the script that installs it.
 */
export function runPromtool(args: readonly string[], cwd?: string): PromtoolResult {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) {
    throw new Error(
      `promtool could not run (${result.error.message}); install it with scripts/ensure-test-services.sh or apt-get install prometheus`,
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
