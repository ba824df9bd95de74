import request from 'supertest';
import {
  type GatewayUnderTest,
  type StubServices,
  startGateway,
  startStubServices,
} from '../testing/gateway-stack';
import { adminAuthorization } from '../testing/test-tokens';

describe('method check', () => {
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    services = await startStubServices();
    gateway = await startGateway({ services });
  });

  afterAll(async () => {
    await gateway.close();
    await services.close();
  });

  it('answers a write to a read route with 405', async () => {
    const response = await request(gateway.listening.url).delete('/api/v1/search?q=law');

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('METHOD_NOT_ALLOWED');
    expect(response.body.detail).toContain('DELETE');
  });

  it('lists the one method of a computation route', async () => {
    const response = await request(gateway.listening.url).get('/api/v1/eligibility/check');

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST, OPTIONS');
  });

  it('keeps the request away from the service', async () => {
    const before = services.stubs.search.requests.length;
    const response = await request(gateway.listening.url)
      .put('/api/v1/search/suggest?q=nur')
      .send({});

    expect(response.status).toBe(405);
    expect(services.stubs.search.requests.length).toBe(before);
  });

  it('passes defined methods through to the service', async () => {
    const response = await request(gateway.listening.url).get('/api/v1/search?q=law');

    expect(response.status).toBe(200);
  });

  it('answers OPTIONS on a known path with its methods', async () => {
    const response = await request(gateway.listening.url).options('/api/v1/eligibility/check');

    expect(response.status).toBe(204);
    expect(response.headers.allow).toBe('POST, OPTIONS');
  });

  it('knows the operator routes outside the catalogue', async () => {
    const response = await request(gateway.listening.url)
      .post('/api/v1/admin/gateway/rollout')
      .set('Authorization', await adminAuthorization())
      .send({});

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, PUT, OPTIONS');
  });

  it('leaves paths outside the API to the 404 route', async () => {
    const response = await request(gateway.listening.url).delete('/api/v1/unknown');

    expect(response.status).toBe(404);
  });
});
