import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { buildServiceApp } from '@scholarships/service-kit';
import request from 'supertest';
import { eligibilityConfigSchema } from './config';
import { eligibilityService } from './service';
import { createMigratedDatabase, type MigratedDatabase } from './test-support/migrated-database';
import { insertScholarships } from './test-support/scholarship-fixtures';

let database: MigratedDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_service');
  await insertScholarships(database.db.knex, [{ key: 'helios:open', name: 'Open Award' }]);
});

afterAll(async () => {
  await database?.drop();
});

describe('eligibilityService', () => {
  it('defaults to port 8083', () => {
    const config = eligibilityConfigSchema.parse({ DATABASE_URL: 'postgres://localhost/db' });
    expect(config.PORT).toBe(8083);
  });

  it('runs its warm-up statements', async () => {
    const statements = eligibilityService.warmupStatements?.(database.db) ?? [];
    expect(statements.map((statement) => statement.name)).toEqual([
      'eligibility_match_page',
      'eligibility_profile_by_user',
      'eligibility_scholarship_by_id',
    ]);
    await expect(database.db.warm(statements)).resolves.toBeUndefined();
  });

  it('serves the check through the service definition', async () => {
    const config = eligibilityConfigSchema.parse({ DATABASE_URL: 'postgres://localhost/db' });
    const app = buildServiceApp(eligibilityService, {
      config,
      db: database.db,
      logger: createLogger({ service: 'eligibility-test', level: 'silent' }),
      registry: createRegistry({ service: 'eligibility-test', defaultMetrics: false }),
    });
    const response = await request(app).post('/api/v1/eligibility/check').send({ gpa: 3 });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(1);
    expect(response.body.items[0].status).toBe('eligible');
  });
});
