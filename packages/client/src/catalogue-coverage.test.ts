import { ROUTES } from '@scholarships/api-contract';
import { createClient } from './create-client';

describe('client methods', () => {
  it('exist for every service route of the catalogue', () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9' }) as unknown as Record<
      string,
      unknown
    >;
    const serviceRoutes = ROUTES.filter((route) => route.owner !== 'gateway');

    const missing = serviceRoutes
      .map((route) => route.operationId)
      .filter((operationId) => typeof client[operationId] !== 'function');

    expect(serviceRoutes.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
