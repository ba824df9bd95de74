import { Agent, request } from 'node:http';
import { sendRawHttp } from '@scholarships/local-infra';
import { type ProcessName, type RunningPlatform, startPlatform } from './platform';
import { checkMetrics, PROM_CLIENT_LINT_EXCEPTIONS, withoutFamilies } from './promtool';

const PROCESSES: ProcessName[] = ['gateway', 'search', 'catalog', 'eligibility'];
let platform: RunningPlatform;

beforeAll(async () => {
  // A budget no test reaches, so the random-path test measures routing, not rate limiting.
  platform = await startPlatform({ gatewayEnv: { RATE_LIMIT_POLICIES: 'default=10000000/60' } });
}, 240_000);

afterAll(async () => {
  await platform?.stop();
});

/** A JSON response body; tests read the fields they check. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type JsonBody = any;

async function getJson(path: string, init: RequestInit = {}) {
  const response = await fetch(`${platform.urls.gateway}${path}`, init);
  const body: JsonBody = await response.json();
  return { status: response.status, headers: response.headers, body };
}

async function waitForLogLine(
  name: ProcessName,
  matches: (line: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const line = platform.logLines(name).find(matches);
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no matching log line from ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('platform through the gateway', () => {
  it('finds real nursing scholarships', async () => {
    const { status, body } = await getJson('/api/v1/search?q=nursing');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(10);
    const names = body.items.map((item: { name: string }) => item.name.toLowerCase());
    expect(names.filter((name: string) => name.includes('nurs')).length).toBeGreaterThan(5);
  });

  it('applies the state filter with nationwide awards included', async () => {
    const { status, body } = await getJson('/api/v1/search?q=engineering&state=TX&limit=50');
    expect(status).toBe(200);
    for (const item of body.items as { eligibility: { states: string[] } }[]) {
      const states = item.eligibility.states;
      expect(states.length === 0 || states.includes('TX')).toBe(true);
    }
  });

  it('opens a scholarship found by search', async () => {
    const search = await getJson('/api/v1/search?q=engineering&state=TX&limit=1');
    const id = search.body.items[0].id as string;
    const { status, body } = await getJson(`/api/v1/scholarships/${id}`);
    expect(status).toBe(200);
    expect(body.id).toBe(id);
  });

  it('checks eligibility with a reason per criterion', async () => {
    const { status, body } = await getJson('/api/v1/eligibility/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        gradeLevel: 'high_school_senior',
        gpa: 3.5,
        state: 'TX',
        fieldsOfStudy: ['nursing'],
      }),
    });
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    for (const criterion of body.items[0].criteria as { reason: string }[]) {
      expect(criterion.reason.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['/api/v1/scholarships/not-a-uuid', 'params.id'],
    ['/api/v1/search?state=ZZ', 'query.state'],
    ['/api/v1/search?award_min=-5', 'query.award_min'],
  ])('answers %s with 400 naming %s', async (path, field) => {
    const { status, headers, body } = await getJson(path);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toContain('application/problem+json');
    expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('rejects a GPA of 9 with 400 naming body.gpa', async () => {
    const { status, body } = await getJson('/api/v1/eligibility/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ gpa: 9 }),
    });
    expect(status).toBe(400);
    expect(body.errors.map((error: { field: string }) => error.field)).toContain('body.gpa');
  });
});

describe('request framing at the edge', () => {
  it('forwards no request hidden after 2000 header lines', async () => {
    // A chunked body framed by a line that Node.js leaves out of req.headers, holding a request
    // with an identity that only the gateway may set.
    const inner =
      'GET /api/v1/me/profile HTTP/1.1\r\nHost: x\r\nx-internal-user-id: smuggled-user\r\n\r\n';
    const reply = await sendRawHttp(
      platform.urls.gateway,
      `GET /api/v1/eligibility/unknown HTTP/1.1\r\nHost: x\r\n${'a:\r\n'.repeat(2000)}` +
        `Transfer-Encoding: chunked\r\n\r\n${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(reply.startsWith('HTTP/1.1 431')).toBe(true);
    expect(
      platform.logLines('eligibility').some((line) => line.route === '/api/v1/me/profile'),
    ).toBe(false);
  });
});

describe('observability', () => {
  it('logs one request id in the gateway and the service', async () => {
    const requestId = `system-test-${Date.now()}`;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const search = await getJson('/api/v1/search?q=nursing&limit=1');
    await getJson(`/api/v1/scholarships/${search.body.items[0].id}`, {
      headers: { 'X-Request-Id': requestId, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });

    const gatewayLine = await waitForLogLine('gateway', (line) => line.requestId === requestId);
    const catalogLine = await waitForLogLine('catalog', (line) => line.requestId === requestId);
    expect(gatewayLine.service).toBe('gateway');
    expect(catalogLine.service).toBe('catalog');
    expect(catalogLine.traceId).toBe(traceId);
  });

  it.each(PROCESSES)('%s exports metrics that pass promtool check metrics', async (name) => {
    const exposition = await (await fetch(`${platform.urls[name]}/metrics`)).text();
    expect(exposition).toContain('http_request_duration_seconds_bucket');
    const result = checkMetrics(withoutFamilies(exposition, PROM_CLIENT_LINT_EXCEPTIONS));
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('adds no series for 20,000 requests to random paths', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const send = (path: string) =>
      new Promise<void>((resolve, reject) => {
        const outgoing = request(`${platform.urls.gateway}${path}`, { agent }, (response) => {
          response.resume();
          response.on('end', resolve);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    const seriesCount = async () =>
      (await (await fetch(`${platform.urls.gateway}/metrics`)).text())
        .split('\n')
        .filter((line) => line.startsWith('http_request')).length;

    await send('/random/warm-up');
    await send('/api/v1/random/warm-up');
    const before = await seriesCount();
    for (let batch = 0; batch < 200; batch += 1) {
      await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          send(`/${index % 2 === 0 ? 'api/v1/' : ''}random/${batch}-${index}-${Math.random()}`),
        ),
      );
    }
    agent.destroy();
    expect(await seriesCount()).toBe(before);
  });
});
