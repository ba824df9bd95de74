import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADERS } from '@scholarships/contracts';
import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { type RequestHandler, Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { IDENTITY_SIGNATURE_MAX_SKEW_MS, identityHeaders } from './identity-signature';
import { createServiceApp, HttpProblem, MAX_LISTED_FIELD_ERRORS, parseInput } from './index';

function buildApp(readyCheck: () => boolean = () => true) {
  const registry = createRegistry({ service: 'test', defaultMetrics: false });
  const routes = Router();
  routes.get('/items/:id', (req, res) => {
    const { id } = parseInput(z.object({ id: z.string().regex(/^\d+$/) }), req.params, 'params');
    res.json({ id });
  });
  routes.post('/echo', (req, res) => {
    const body = parseInput(z.strictObject({ gpa: z.number().max(5) }), req.body, 'body');
    res.json(body);
  });
  routes.put('/settings', (req, res) => {
    const body = parseInput(z.strictObject({ gpa: z.number().optional() }), req.body, 'body');
    res.json(body);
  });
  routes.get('/boom', () => {
    throw new Error('secret internal detail');
  });
  routes.get('/busy', () => {
    throw new HttpProblem({
      status: 503,
      code: 'BUSY',
      title: 'Busy',
      headers: { 'Retry-After': '2' },
    });
  });
  const app = createServiceApp({
    logger: createLogger({ service: 'test', level: 'silent' }),
    registry,
    routes,
    readiness: [{ name: 'database', check: readyCheck }],
    allowedMethods: (path) => (path.startsWith('/items/') ? ['GET', 'HEAD'] : []),
  });
  return { app, registry };
}

describe('createServiceApp', () => {
  it('echoes a valid incoming request id', async () => {
    const { app } = buildApp();
    const response = await request(app).get('/items/1').set('X-Request-Id', 'req-42');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-42');
  });

  it('names the invalid field in a 400 problem', async () => {
    const { app } = buildApp();
    const response = await request(app).get('/items/abc');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe('params.id');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('rejects malformed JSON with 400', async () => {
    const { app } = buildApp();
    const response = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('{"gpa":');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_JSON');
  });

  it.each(['null', '5', '"text"', 'true'])(
    'rejects the JSON value %s as a body that must be an object',
    async (body) => {
      const { app } = buildApp();
      const response = await request(app)
        .post('/echo')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    },
  );

  it('parses structured +json media types such as merge-patch', async () => {
    const { app } = buildApp();
    const response = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ gpa: 3.5 }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ gpa: 3.5 });
  });

  it('rejects a missing body with 400 naming the body', async () => {
    const { app } = buildApp();
    const response = await request(app).post('/echo');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('body');
  });

  it('rejects a zero-length JSON body with 400 naming the body', async () => {
    const { app } = buildApp();
    const response = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .set('Content-Length', '0');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('body');
  });

  it('rejects an empty chunked JSON body with 400', async () => {
    const { app } = buildApp();
    const status = await sendRaw(app, { 'Transfer-Encoding': 'chunked' }, Buffer.alloc(0));
    expect(status).toBe(400);
  });

  it('rejects a body of only a byte order mark with 400', async () => {
    const { app } = buildApp();
    const status = await sendRaw(app, { 'Content-Length': '3' }, Buffer.from([0xef, 0xbb, 0xbf]));
    expect(status).toBe(400);
  });

  it('accepts an empty JSON object when every field is optional', async () => {
    const { app } = buildApp();
    const response = await request(app).put('/settings').send({});
    expect(response.status).toBe(200);
  });

  it('names each unknown body key as its own field', async () => {
    const { app } = buildApp();
    const response = await request(app).post('/echo').send({ gpa: 3, extra: 1, other: 2 });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'body.extra',
      'body.other',
    ]);
  });

  it('lists a bounded number of field errors', async () => {
    const { app } = buildApp();
    const body: Record<string, number> = { gpa: 3 };
    for (let index = 0; index < 5_000; index += 1) body[`k${index}`] = 0;
    const response = await request(app).post('/echo').send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(MAX_LISTED_FIELD_ERRORS);
    expect(response.body.errors[0]).toEqual({ field: 'body.k0', message: 'is not a known field' });
    expect(response.body.detail).toContain(`${5_000 - MAX_LISTED_FIELD_ERRORS} more errors`);
    expect(response.body.detail).not.toContain(`body.k${MAX_LISTED_FIELD_ERRORS},`);
    expect(JSON.stringify(response.body).length).toBeLessThan(5_000);
  });

  it('hides unknown error details behind a generic 500', async () => {
    const { app } = buildApp();
    const response = await request(app).get('/boom');
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('secret internal detail');
  });

  it('sends problem headers such as Retry-After', async () => {
    const { app } = buildApp();
    const response = await request(app).get('/busy');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('2');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const { app } = buildApp();
    const response = await request(app).get('/nowhere');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('cuts a long request target in the problem', async () => {
    const { app } = buildApp();
    const response = await request(app).get(`/nowhere?pad=${'x'.repeat(5000)}`);
    expect(response.status).toBe(404);
    expect(response.body.instance).toHaveLength(2048);
  });

  it('answers a known path under another method with 405', async () => {
    const { app } = buildApp();
    const response = await request(app).delete('/items/1');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.body.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('labels metrics by route template, not raw path', async () => {
    const { app, registry } = buildApp();
    await request(app).get('/items/1');
    await request(app).get('/items/2');
    await request(app).get('/random/path/1');
    const text = await registry.metrics();
    expect(text).toContain('route="/items/:id",status_code="200"} 2');
    expect(text).toContain('route="<unmatched>"');
    expect(text).not.toContain('/random/path');
  });

  it('reports readiness failures with 503', async () => {
    const { app } = buildApp(() => false);
    const response = await request(app).get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body.checks).toEqual({ database: 'failed' });
  });
});

/** Sends `PUT /settings` with exactly these framing headers and bytes; returns the status. */
async function sendRaw(
  app: ReturnType<typeof buildApp>['app'],
  framing: Record<string, string>,
  body: Buffer,
): Promise<number | undefined> {
  const server = app.listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const sent = http.request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path: '/settings',
      headers: { 'Content-Type': 'application/json', ...framing },
    });
    sent.end(body);
    const [response] = (await once(sent, 'response')) as [http.IncomingMessage];
    response.resume();
    return response.statusCode;
  } finally {
    server.close();
  }
}

describe('identity signature', () => {
  const secret = 'identity-secret-of-at-least-32-bytes';
  const student = { userId: 'user-1', roles: ['admin'] };

  function identityApp() {
    const routes = Router();
    const whoami: RequestHandler = (req, res) => {
      res.json({
        userId: req.get(IDENTITY_HEADERS.userId) ?? null,
        roles: req.get(IDENTITY_HEADERS.roles) ?? null,
        signature: req.get(IDENTITY_HEADERS.signature) ?? null,
        issuedAt: req.get(IDENTITY_HEADERS.issuedAt) ?? null,
      });
    };
    routes.get('/whoami', whoami);
    routes.post('/whoami', whoami);
    return createServiceApp({
      logger: createLogger({ service: 'test', level: 'silent' }),
      registry: createRegistry({ service: 'test', defaultMetrics: false }),
      routes,
      identitySecret: secret,
    });
  }

  const anonymous = { userId: null, roles: null, signature: null, issuedAt: null };

  it('keeps a signed identity', async () => {
    const response = await request(identityApp())
      .get('/whoami')
      .set(identityHeaders(student, secret, 'GET'));

    expect(response.body).toEqual({ ...anonymous, userId: 'user-1', roles: 'admin' });
  });

  it('serves an unsigned identity as anonymous', async () => {
    const response = await request(identityApp())
      .get('/whoami')
      .set(IDENTITY_HEADERS.userId, 'user-1')
      .set(IDENTITY_HEADERS.roles, 'admin');

    expect(response.body).toEqual(anonymous);
  });

  it('serves a signature of other roles as anonymous', async () => {
    const headers = identityHeaders({ userId: 'user-1', roles: [] }, secret, 'GET');
    const response = await request(identityApp())
      .get('/whoami')
      .set(headers)
      .set(IDENTITY_HEADERS.roles, 'admin');

    expect(response.body).toEqual(anonymous);
  });

  it('serves a signature made with another secret as anonymous', async () => {
    const other = identityHeaders({ userId: 'user-1', roles: [] }, `${secret}-other`, 'GET');
    const response = await request(identityApp()).get('/whoami').set(other);

    expect(response.body).toEqual(anonymous);
  });

  it('serves a signature of another method as anonymous', async () => {
    const response = await request(identityApp())
      .post('/whoami')
      .set(identityHeaders(student, secret, 'GET'));

    expect(response.body).toEqual(anonymous);
  });

  it.each([
    ['older than the skew', -IDENTITY_SIGNATURE_MAX_SKEW_MS - 1_000],
    ['ahead by more than the skew', IDENTITY_SIGNATURE_MAX_SKEW_MS + 1_000],
  ])('serves a signature %s as anonymous', async (_case, offsetMs) => {
    const headers = identityHeaders(student, secret, 'GET', Date.now() + offsetMs);
    const response = await request(identityApp()).get('/whoami').set(headers);

    expect(response.body).toEqual(anonymous);
  });

  it('keeps a signature within the skew', async () => {
    const headers = identityHeaders(student, secret, 'GET', Date.now() - 30_000);
    const response = await request(identityApp()).get('/whoami').set(headers);

    expect(response.body.userId).toBe('user-1');
  });

  const signedAt = (headers: Record<string, string>) => Number(headers[IDENTITY_HEADERS.issuedAt]);
  it.each([
    ['missing', () => undefined],
    ['not a number', () => 'soon'],
    [
      'changed by a millisecond',
      (headers: Record<string, string>) => String(signedAt(headers) + 1),
    ],
  ])('serves a signing time that is %s as anonymous', async (_case, replace) => {
    const headers = identityHeaders(student, secret, 'GET');
    const replacement = replace(headers);
    if (replacement === undefined) delete headers[IDENTITY_HEADERS.issuedAt];
    else headers[IDENTITY_HEADERS.issuedAt] = replacement;
    const response = await request(identityApp()).get('/whoami').set(headers);

    expect(response.body).toEqual(anonymous);
  });
});
