import { z } from 'zod';
import { ConfigError, env, loadConfig } from './index';

const schema = z.object({
  PORT: env.port(3000),
  DATABASE_URL: env.url(['postgres', 'postgresql']),
  CACHE_ENABLED: env.boolean(true),
  ORIGINS: env.list(),
});

describe('loadConfig', () => {
  it('applies defaults and coerces strings', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgres://localhost/db', ORIGINS: 'a, b' });
    expect(config.PORT).toBe(3000);
    expect(config.CACHE_ENABLED).toBe(true);
    expect(config.ORIGINS).toEqual(['a', 'b']);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgres://x/y', PORT: '' });
    expect(config.PORT).toBe(3000);
  });

  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { PORT: 'abc', DATABASE_URL: 'mysql://x/y', CACHE_ENABLED: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.some((problem) => problem.startsWith('PORT:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('DATABASE_URL:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('CACHE_ENABLED:'))).toBe(true);
  });

  it('reports a missing required variable', () => {
    expect(() => loadConfig(schema, {})).toThrow(
      'DATABASE_URL: is required; set a URL starting with postgres or postgresql',
    );
  });

  it('reports a value that is not a URL once', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { DATABASE_URL: 'localhost/db' });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).problems).toEqual([
      'DATABASE_URL: must be a valid URL, such as one with a port from 1 to 65535 and no spaces, starting with postgres or postgresql',
    ]);
  });

  it.each([' ', '0x1F90', '1e3', '80.5', '+80', '70000'])('rejects the port %j', (port) => {
    expect(() => loadConfig(schema, { DATABASE_URL: 'postgres://x/y', PORT: port })).toThrow(
      'PORT: must be a port number from 0 to 65535',
    );
  });

  it.each(['postgres:oops', 'postgres://', 'postgresql:/etc/passwd', 'postgres://x/ y'])(
    'rejects the database URL %j',
    (url) => {
      expect(() => loadConfig(schema, { DATABASE_URL: url })).toThrow(
        'DATABASE_URL: must start with postgres:// or postgresql://',
      );
    },
  );

  it('accepts a scheme in upper case', () => {
    const url = 'POSTGRES://x/y';
    expect(loadConfig(schema, { DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it('accepts a socket directory in the query of a URL', () => {
    const url = 'postgresql:///scholarships?host=/var/run/postgresql';
    expect(loadConfig(schema, { DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it('parses decimals in plain notation only', () => {
    const ratio = z.object({ RATIO: env.decimal(0.5, { min: 0, max: 1, example: '0.5' }) });
    expect(loadConfig(ratio, { RATIO: '.25' }).RATIO).toBe(0.25);
    expect(loadConfig(ratio, {}).RATIO).toBe(0.5);
    expect(() => loadConfig(ratio, { RATIO: '1e-1' })).toThrow('RATIO: must be a number from 0');
    expect(() => loadConfig(ratio, { RATIO: '2' })).toThrow('RATIO: must be at most 1');
  });

  it('returns a frozen object', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgres://x/y' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.ORIGINS)).toBe(true);
  });
});
