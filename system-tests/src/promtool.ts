import { spawnSync } from 'node:child_process';

/**
 * prom-client's default metrics that promtool's linter flags because they are gauges
 * named `_total` (prom-client 15). Their names are prom-client's, not ours to change.
 */
export const PROM_CLIENT_LINT_EXCEPTIONS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** Removes the sample, HELP and TYPE lines of the named metric families. */
export function withoutFamilies(exposition: string, names: readonly string[]): string {
  return exposition
    .split('\n')
    .filter((line) => !names.some((name) => new RegExp(`^(# (HELP|TYPE) )?${name}[ {]`).test(line)))
    .join('\n');
}

/** Runs `promtool check metrics` on exposition text; returns its exit status and output. */
export function checkMetrics(exposition: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) {
    throw new Error(
      `promtool could not run (${result.error.message}); install it with scripts/ensure-test-services.sh`,
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
