import { runMigrationCli } from './migration-cli';

const options = { service: 'probe', migrations: [] };

/** Runs the CLI with stderr captured and returns the text written to stderr. */
async function runCapturingErrors(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await runMigrationCli(options, argv, env);
    return errors.mock.calls.map((call) => String(call[0])).join('');
  } finally {
    errors.mockRestore();
  }
}

describe('runMigrationCli usage', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it.each([{}, { DATABASE_URL: '' }, { DATABASE_URL: '  ' }])(
    'names a missing DATABASE_URL in %j',
    async (env) => {
      const errors = await runCapturingErrors(['latest'], env);
      expect(process.exitCode).toBe(2);
      expect(errors).toMatch(/^DATABASE_URL is not set\. Set it to the PostgreSQL connection/);
      expect(errors).toContain('the probe service uses');
      expect(errors).toContain('\nusage: DATABASE_URL=postgres://... migrate');
    },
  );

  it('prints only the usage for an unknown command', async () => {
    const errors = await runCapturingErrors(['sideways'], {});
    expect(process.exitCode).toBe(2);
    expect(errors).toMatch(/^usage: /);
  });
});
