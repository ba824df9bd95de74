import { launcherConfigSchema } from './config';
import { migrationEntries, platformProcesses } from './processes';

const config = launcherConfigSchema.parse({});
const databaseUrl = 'postgres://localhost:5432/scholarships';

describe('platformProcesses', () => {
  it('starts the three services before the gateway', () => {
    const names = platformProcesses(config, databaseUrl).map((spec) => spec.name);
    expect(names).toEqual(['catalog', 'search', 'eligibility', 'gateway']);
  });

  it('points the gateway at each service port', () => {
    const gateway = platformProcesses(config, databaseUrl).find((spec) => spec.name === 'gateway');
    expect(gateway?.env.SEARCH_URL).toBe('http://127.0.0.1:8081');
    expect(gateway?.env.CATALOG_URL).toBe('http://127.0.0.1:8082');
    expect(gateway?.env.ELIGIBILITY_URL).toBe('http://127.0.0.1:8083');
  });

  it('brackets an IPv6 host in service URLs', () => {
    const ipv6 = launcherConfigSchema.parse({ HOST: '::1' });
    const gateway = platformProcesses(ipv6, databaseUrl).find((spec) => spec.name === 'gateway');
    expect(gateway?.env.SEARCH_URL).toBe('http://[::1]:8081');
  });

  it('gives every service the database and its own port', () => {
    for (const spec of platformProcesses(config, databaseUrl).slice(0, 3)) {
      expect(spec.env.DATABASE_URL).toBe(databaseUrl);
      expect(spec.env.PORT).toBe(String(spec.port));
    }
  });

  it('passes REDIS_URL to no process when unset', () => {
    for (const spec of platformProcesses(config, databaseUrl)) {
      expect(spec.env.REDIS_URL).toBeUndefined();
    }
  });

  it('gives all four one new identity secret per start', () => {
    const secrets = platformProcesses(config, databaseUrl).map(
      (spec) => spec.env.INTERNAL_IDENTITY_SECRET,
    );
    const nextStart = launcherConfigSchema.parse({}).INTERNAL_IDENTITY_SECRET;

    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]?.length).toBeGreaterThanOrEqual(32);
    expect(nextStart).not.toBe(secrets[0]);
  });

  it('passes a configured identity secret to all four', () => {
    const secret = 'a'.repeat(32);
    const configured = launcherConfigSchema.parse({ INTERNAL_IDENTITY_SECRET: secret });
    for (const spec of platformProcesses(configured, databaseUrl)) {
      expect(spec.env.INTERNAL_IDENTITY_SECRET).toBe(secret);
    }
  });

  it('passes REDIS_URL to every process when set', () => {
    const withRedis = launcherConfigSchema.parse({ REDIS_URL: 'redis://127.0.0.1:6379' });
    for (const spec of platformProcesses(withRedis, databaseUrl)) {
      expect(spec.env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    }
  });
});

describe('migrationEntries', () => {
  it('runs catalog first, because it owns the tables the others index', () => {
    expect(migrationEntries().map((entry) => entry.service)).toEqual([
      'catalog',
      'search',
      'eligibility',
    ]);
  });
});
