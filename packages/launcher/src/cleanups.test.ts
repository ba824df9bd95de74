import { runCleanups } from './cleanups';

/** Text the launcher wrote to stdout and stderr during one test. */
let written: { stdout: string; stderr: string };

beforeEach(() => {
  written = { stdout: '', stderr: '' };
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.stdout += String(chunk);
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('runCleanups', () => {
  it('stops in reverse order, then says stopped', async () => {
    const order: string[] = [];
    await runCleanups([
      async () => {
        order.push('database');
      },
      async () => {
        order.push('services');
      },
    ]);
    expect(order).toEqual(['services', 'database']);
    expect(written.stdout).toBe('[launcher] stopped\n');
    expect(written.stderr).toBe('');
  });

  it('counts failed cleanups and runs the rest', async () => {
    let databaseStopped = false;
    await runCleanups([
      async () => {
        databaseStopped = true;
      },
      async () => {
        throw new Error('gateway did not exit');
      },
    ]);
    expect(databaseStopped).toBe(true);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain('[launcher] Error: gateway did not exit\n');
    expect(written.stderr).toContain('[launcher] stopped, but 1 of 2 parts failed to stop');
  });
});
