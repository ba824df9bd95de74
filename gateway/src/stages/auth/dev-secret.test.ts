import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevSecret, MIN_SECRET_BYTES } from './dev-secret';

describe('loadOrCreateDevSecret', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dev-secret-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates a secret only its owner can read', () => {
    const file = join(root, '.data', 'dev-jwt-secret');
    const secret = loadOrCreateDevSecret(file);

    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(MIN_SECRET_BYTES);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDevSecret(file)).toBe(secret);
  });

  it('leaves the folder enterable by other users', () => {
    const previousMask = process.umask(0o022);
    try {
      loadOrCreateDevSecret(join(root, '.data', 'dev-jwt-secret'));
    } finally {
      process.umask(previousMask);
    }

    // The embedded PostgreSQL runs as another user and keeps its data under the same folder.
    expect(statSync(join(root, '.data')).mode & 0o001).toBe(0o001);
  });
});
