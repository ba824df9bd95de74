import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The parts of `GET /api/v1/admin/gateway/rollout` the drill reads. */
export interface RolloutReport {
  rolloutPercent: number;
  guard: { holding: boolean; trip: Record<string, unknown> | null };
}

/** Issues an admin token with the gateway's development token tool and the same environment. */
export async function issueAdminToken(
  tokenTool: string,
  environment: NodeJS.ProcessEnv,
): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [tokenTool, '--sub', 'rollback-drill', '--roles', 'admin', '--ttl', '600'],
    { env: environment, timeout: 10_000 },
  );
  return stdout.trim();
}

export async function readRollout(url: string, token: string): Promise<RolloutReport> {
  const response = await fetch(`${url}/api/v1/admin/gateway/rollout`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) {
    throw new Error(`GET /api/v1/admin/gateway/rollout returned status ${response.status}`);
  }
  return (await response.json()) as RolloutReport;
}

export async function setRolloutPercent(
  url: string,
  token: string,
  percent: number,
): Promise<RolloutReport> {
  const response = await fetch(`${url}/api/v1/admin/gateway/rollout`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rolloutPercent: percent }),
  });
  if (response.status !== 200) {
    throw new Error(`PUT /api/v1/admin/gateway/rollout returned status ${response.status}`);
  }
  return (await response.json()) as RolloutReport;
}

/** Returns the lines of the gateway's `/metrics` whose name starts with `prefix`. */
export async function metricLines(url: string, prefix: string): Promise<string[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith(prefix));
}

/** Sums the values of the series of `name` whose labels contain `label`. */
export async function metricSum(url: string, name: string, label: string): Promise<number> {
  const lines = await metricLines(url, `${name}{`);
  return lines
    .filter((line) => line.includes(label))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
