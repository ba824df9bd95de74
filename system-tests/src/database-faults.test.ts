import { Client } from 'pg';
import { type RunningPlatform, startPlatform } from './platform';

/**
 * One request per service, sent to the service itself so that the gateway's
 * response cache cannot serve it; each needs a database query.
 */
const PROBES = [
  { service: 'search' as const, path: '/api/v1/search?q=nursing&limit=1', init: {} },
  {
    service: 'eligibility' as const,
    path: '/api/v1/eligibility/check',
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ gradeLevel: 'undergraduate', state: 'AZ' }),
    },
  },
];
let platform: RunningPlatform;
let catalogPath: string;

beforeAll(async () => {
  platform = await startPlatform();
  const search = await fetch(`${platform.urls.gateway}/api/v1/search?q=nursing&limit=1`);
  const body = (await search.json()) as { items: { id: string }[] };
  catalogPath = `/api/v1/scholarships/${body.items[0]?.id}`;
}, 240_000);

afterAll(async () => {
  await platform?.stop();
});

/** Sends every probe once; returns each status, or 0 when the request failed at the transport. */
async function probeAll(): Promise<number[]> {
  const probes = [...PROBES, { service: 'catalog' as const, path: catalogPath, init: {} }];
  return Promise.all(
    probes.map(async ({ service, path, init }) => {
      try {
        const response = await fetch(`${platform.urls[service]}${path}`, {
          ...init,
          signal: AbortSignal.timeout(3000),
        });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 0;
      }
    }),
  );
}

/** Probes every 100 ms until every service returns 200; returns the milliseconds it took. */
async function msUntilServing(limitMs: number, seen: Set<number>): Promise<number> {
  const startedAt = Date.now();
  for (;;) {
    const statuses = await probeAll();
    for (const status of statuses) seen.add(status);
    if (statuses.every((status) => status === 200)) return Date.now() - startedAt;
    if (Date.now() - startedAt > limitMs) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function processesAlive(): Promise<boolean> {
  const responses = await Promise.all(
    Object.values(platform.urls).map((url) => fetch(`${url}/healthz`).catch(() => undefined)),
  );
  return responses.every((response) => response?.status === 200);
}

describe('database faults', () => {
  it('recovers within 5 s from terminated backends', async () => {
    expect(await probeAll()).toEqual([200, 200, 200]);
    const admin = new Client({ connectionString: platform.databaseUrl });
    await admin.connect();
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()',
    );
    await admin.end();

    const seen = new Set<number>();
    expect(await msUntilServing(5000, seen)).toBeLessThan(5000);
    expect(seen.has(500)).toBe(false);
    expect(await processesAlive()).toBe(true);
  });

  it('returns 503 while PostgreSQL is down, then recovers', async () => {
    const seen = new Set<number>();
    await platform.stopDatabase();
    const duringOutage = await probeAll();
    for (const status of duringOutage) seen.add(status);
    await platform.startDatabase();

    expect(duringOutage).toEqual([503, 503, 503]);
    expect(await msUntilServing(5000, seen)).toBeLessThan(5000);
    expect(seen.has(500)).toBe(false);
    expect(await processesAlive()).toBe(true);
  });
});
