import { OPERATOR_PATH_PREFIX, ROUTES, type RouteOwner } from '@scholarships/api-contract';
import { createCatalogTestContext } from '@scholarships/catalog/test-support';
import { createMigratedDatabase, createTestApp } from '@scholarships/eligibility/test-support';
import { createGatewayHarness, listenApp } from '@scholarships/gateway/testing';
import { startSearchTestApp } from '@scholarships/search/test-support';
import express, { type Express } from 'express';
import { type RegisteredRoute, registeredRoutes } from './registered-routes';

/** Lists the catalogue's routes of one service in the form that `registeredRoutes` uses. */
function describedRoutes(owner: RouteOwner): RegisteredRoute[] {
  return ROUTES.filter((route) => route.owner === owner)
    .map((route): RegisteredRoute => `${route.method.toUpperCase()} ${route.path}`)
    .sort();
}

/** Lists the app's routes under `/api/`, because probes and metrics are no part of the public API. */
function publicRoutes(app: Express): RegisteredRoute[] {
  return registeredRoutes(app).filter((route) => route.split(' ')[1]?.startsWith('/api/'));
}

describe('routes the services register', () => {
  it('match the catalogue for the catalog service', async () => {
    const context = await createCatalogTestContext();
    try {
      expect(publicRoutes(context.app)).toEqual(describedRoutes('catalog'));
    } finally {
      await context.close();
    }
  });

  it('match the catalogue for the search service', async () => {
    const search = await startSearchTestApp('contract_routes_search');
    try {
      expect(publicRoutes(search.app)).toEqual(describedRoutes('search'));
    } finally {
      await search.close();
    }
  });

  it('match the catalogue for the eligibility service', async () => {
    const database = await createMigratedDatabase('contract_routes_eligibility');
    try {
      expect(publicRoutes(createTestApp(database.db))).toEqual(describedRoutes('eligibility'));
    } finally {
      await database.drop();
    }
  });

  it('match the catalogue for the gateway, beside the operator switches', async () => {
    const closed = await listenApp((_req, res) => res.end());
    await closed.close();
    const harness = createGatewayHarness({
      serviceUrls: { search: closed.url, catalog: closed.url, eligibility: closed.url },
    });
    try {
      const routes = publicRoutes(harness.app).filter(
        (route) => !route.split(' ')[1]?.startsWith(OPERATOR_PATH_PREFIX),
      );
      expect(routes).toEqual(describedRoutes('gateway'));
    } finally {
      await harness.close();
    }
  });

  it('find routes in nested routers', () => {
    const app = express();
    const outer = express.Router();
    const inner = express.Router();
    inner.get('/api/v1/things/:id', (_req, res) => res.end());
    inner.use('/api/v1/things', (_req, _res, next) => next());
    outer.use('/prefix', inner);
    app.use(outer);
    app.post('/api/v1/things', (_req, res) => res.end());

    expect(registeredRoutes(app)).toEqual(['GET /prefix/api/v1/things/:id', 'POST /api/v1/things']);
  });
});
