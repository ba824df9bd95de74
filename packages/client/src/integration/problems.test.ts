import { ApiNetworkError, ApiProblemError, createClient } from '@scholarships/client';
import { listenApp } from '@scholarships/gateway/testing';
import { type Platform, startPlatform } from './platform';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('the request succeeded');
    },
    (error: unknown) => error,
  );
}

describe('client errors from the gateway', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform.close();
  });

  it('names each invalid field of a 400', async () => {
    const client = createClient({ baseUrl: platform.url });

    const error = await rejection(
      // Values outside the types, as a caller without type checks could send them.
      client.search({ state: ['XX'] as never, limit: 0 }),
    );

    expect(error).toBeInstanceOf(ApiProblemError);
    const problem = error as ApiProblemError;
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.fieldErrors.map((field) => field.field)).toEqual(['query.state', 'query.limit']);
    expect(problem.retryAfterSeconds).toBeUndefined();
  });

  it('names the invalid body fields of a profile', async () => {
    const client = createClient({ baseUrl: platform.url });

    const error = (await rejection(
      client.checkEligibility({ gpa: 7, gradeLevel: 'freshman' as never }),
    )) as ApiProblemError;

    expect(error.fieldErrors.map((field) => field.field).sort()).toEqual([
      'body.gpa',
      'body.gradeLevel',
    ]);
  });

  it('rejects a /me route without a token with 401', async () => {
    const client = createClient({ baseUrl: platform.url });

    const error = (await rejection(client.getProfile())) as ApiProblemError;

    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error.status).toBe(401);
  });

  it('rejects a closed port with ApiNetworkError', async () => {
    const closed = await listenApp((_req, res) => res.end());
    await closed.close();
    const client = createClient({ baseUrl: closed.url });

    const error = await rejection(client.getScholarship(platform.catalogScholarshipId));

    expect(error).toBeInstanceOf(ApiNetworkError);
    expect((error as ApiNetworkError).aborted).toBe(false);
  });

  it('rejects an aborted request with ApiNetworkError', async () => {
    const client = createClient({ baseUrl: platform.url });
    const controller = new AbortController();
    controller.abort();

    const error = await rejection(client.search({ q: 'nursing' }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(ApiNetworkError);
    expect((error as ApiNetworkError).aborted).toBe(true);
  });
});
