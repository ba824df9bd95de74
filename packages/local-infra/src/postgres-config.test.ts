import { buildServerArgs, isUsableSocketDir } from './postgres-config';

const baseInput = {
  dataDir: '/data',
  port: 5433,
  socketDir: '/data',
  ephemeral: false,
  settings: {},
};

function settingValues(args: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index += 1) {
    const value = args[index + 1];
    if (args[index] === '-c' && value !== undefined) {
      const [name, ...rest] = value.split('=');
      values.set(name ?? '', rest.join('='));
    }
  }
  return values;
}

describe('buildServerArgs', () => {
  test('defaults listen on loopback only', () => {
    const args = buildServerArgs(baseInput);
    const values = settingValues(args);

    expect(args.slice(0, 2)).toEqual(['-D', '/data']);
    expect(values.get('listen_addresses')).toBe('127.0.0.1');
    expect(values.get('port')).toBe('5433');
    expect(values.get('max_connections')).toBe('200');
    expect(values.has('fsync')).toBe(false);
  });

  test('ephemeral turns durability off', () => {
    const values = settingValues(buildServerArgs({ ...baseInput, ephemeral: true }));

    expect(values.get('fsync')).toBe('off');
    expect(values.get('synchronous_commit')).toBe('off');
    expect(values.get('full_page_writes')).toBe('off');
  });

  test('settings override defaults', () => {
    const values = settingValues(
      buildServerArgs({ ...baseInput, settings: { max_connections: 50, work_mem: '8MB' } }),
    );

    expect(values.get('max_connections')).toBe('50');
    expect(values.get('work_mem')).toBe('8MB');
  });

  test('invalid setting name is rejected', () => {
    expect(() => buildServerArgs({ ...baseInput, settings: { 'x=1 -c y': 1 } })).toThrow(
      'Invalid PostgreSQL setting name "x=1 -c y"',
    );
  });
});

describe('isUsableSocketDir', () => {
  test('short path is usable', () => {
    expect(isUsableSocketDir('/tmp/local-infra-pg-abc123')).toBe(true);
  });

  test('long path is not usable', () => {
    expect(isUsableSocketDir(`/tmp/${'d'.repeat(100)}`)).toBe(false);
  });

  test('path with a comma is not usable', () => {
    expect(isUsableSocketDir('/tmp/a,b')).toBe(false);
  });
});
