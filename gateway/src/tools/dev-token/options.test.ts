import { readOptions, UsageError } from './options';

/** Returns the message of the usage error that `readOptions` raises for `args`. */
function usageErrorOf(args: string[]): string {
  try {
    readOptions(args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`readOptions accepted ${JSON.stringify(args)}`);
}

describe('readOptions', () => {
  it('rejects a subject over 256 characters', () => {
    const message = usageErrorOf(['--sub', 's'.repeat(300)]);

    expect(message).toMatch(/^--sub is invalid because it is 300 characters long\./);
    expect(message).toContain('1 to 256 printable Latin-1 characters');
    expect(message).not.toContain('s'.repeat(300));
  });

  it('rejects a subject outside Latin-1', () => {
    const message = usageErrorOf(['--sub', 'user-\u2713']);

    expect(message).toMatch(/^--sub is invalid because it contains "\u2713" \(U\+2713\)\./);
  });

  it('rejects a subject with a newline', () => {
    const message = usageErrorOf(['--sub', 'user\nx-admin: 1']);

    expect(message).toMatch(/^--sub is invalid because it contains U\+000A\./);
  });

  it('rejects a role with a space', () => {
    const message = usageErrorOf(['--sub', 'ops-1', '--roles', 'admin,ops team']);

    expect(message).toBe(
      '--roles is invalid because the role "ops team" contains a space (U+0020). ' +
        'Each role must be 1 to 64 characters from A-Z, a-z, 0-9 and _ . : -',
    );
  });

  it('rejects a role over 64 characters', () => {
    const message = usageErrorOf(['--sub', 'ops-1', '--roles', 'r'.repeat(65)]);

    expect(message).toMatch(/^--roles is invalid because the role "r+" is 65 characters long\./);
  });

  it('rejects a subject of 257 characters', () => {
    const message = usageErrorOf(['--sub', 's'.repeat(257)]);

    expect(message).toMatch(/^--sub is invalid because it is 257 characters long\./);
  });

  it('rejects a subject that starts with a no-break space', () => {
    const message = usageErrorOf(['--sub', '\u00a0ab']);

    expect(message).toMatch(/^--sub is invalid because it starts with/);
  });

  it('accepts the longest subject and role', () => {
    const sub = `a ${'b'.repeat(253)}c`;
    const role = 'R'.repeat(64);

    expect(readOptions(['--sub', sub, '--roles', `admin,${role}`])).toMatchObject({
      sub,
      roles: ['admin', role],
    });
  });
});
