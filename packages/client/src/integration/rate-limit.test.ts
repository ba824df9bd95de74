import { ApiProblemError, createClient } from '@scholarships/client';
import { metricValue, UNIT_COST_ROUTES } from '@scholarships/gateway/testing';
import { type Platform, startPlatform } from './platform';

describe('client retries on the gateway rate limit', () => {
  let platform: Platform;

  beforeAll(async () => {
    // Two requests per minute, so the third one is limited for up to a minute.
    platform = await startPlatform({
      environment: { RATE_LIMIT_POLICIES: 'default=2/60', RATE_LIMIT_ROUTES: UNIT_COST_ROUTES },
    });
  });

  afterAll(async () => {
    await platform.close();
  });

  it('retries a 429 and then rejects with the Retry-After seconds', async () => {
    const client = createClient({ baseUrl: platform.url, maxRetries: 2, maxRetryDelayMs: 20 });
    await client.search({ q: 'nursing' });
    await client.search({ q: 'nursing' });

    const error = await client.search({ q: 'nursing' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiProblemError);
    const problem = error as ApiProblemError;
    expect(problem.status).toBe(429);
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.retryAfterSeconds).toBeGreaterThan(0);
    expect(problem.retryAfterSeconds).toBeLessThanOrEqual(60);
    // One request and two retries, all limited.
    expect(await metricValue(platform.harness, 'http_requests_total', 'status_code="429"')).toBe(3);
  });
});
