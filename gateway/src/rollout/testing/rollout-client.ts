import { adminAuthorization } from '../../testing/test-tokens';

/** The body of `GET /api/v1/admin/gateway/rollout`. */
export interface RolloutState {
  cacheEnabled: boolean;
  middlewareOrder: 'default' | 'legacy';
  rolloutPercent: number;
  scope: 'shared' | 'replica';
  propagation?: string;
  guard: { enabled: boolean; holding: boolean; trip: { reason: string } | null };
}

export const ROLLOUT_URL_PATH = '/api/v1/admin/gateway/rollout';

/** Reads the rollout switches of the gateway at `origin` as an admin. */
export async function readRollout(origin: string): Promise<RolloutState> {
  const response = await fetch(`${origin}${ROLLOUT_URL_PATH}`, {
    headers: { authorization: await adminAuthorization() },
  });
  if (response.status !== 200) throw new Error(`GET rollout returned status ${response.status}`);
  return (await response.json()) as RolloutState;
}

/** Changes the rollout switches of the gateway at `origin` as an admin. */
export async function writeRollout(origin: string, body: unknown): Promise<Response> {
  return fetch(`${origin}${ROLLOUT_URL_PATH}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: await adminAuthorization() },
    body: JSON.stringify(body),
  });
}

/** Returns the first stage name of a response's Server-Timing, e.g. `ratelimit` or `cors`. */
export function firstStage(response: Response): string | undefined {
  return response.headers.get('server-timing')?.split(';', 1)[0];
}

/** Returns the stage names of a response's Server-Timing in order. */
export function stageOrder(response: Response): string[] {
  const header = response.headers.get('server-timing') ?? '';
  return header.split(',').map((entry) => entry.trim().split(';', 1)[0] as string);
}
