import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Default place of the development secret, shared by the gateway and the dev-token tool of one
 * checkout: `.data/dev-jwt-secret` at the repository's root (this file sits four levels below it
 * in both `src` and `dist`). A place per checkout keeps tokens of one clone from working on
 * another clone's gateway on the same machine.
 */
export const DEFAULT_DEV_SECRET_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '.data',
  'dev-jwt-secret',
);

/** Shortest secret accepted, in bytes: HS256 needs a key of at least the hash size (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/**
 * Reads the development HS256 secret from `file`, creating it with 32 random bytes (base64url,
 * mode 0600) when it does not exist. It is used only when no key is configured, so a gateway run
 * without configuration still verifies signatures with a secret nobody else knows, and the
 * dev-token tool on the same machine can sign tokens it accepts.
 */
export function loadOrCreateDevSecret(file: string): string {
  const existing = readSecretFile(file);
  if (existing !== undefined) return existing;
  // The folder keeps its default mode: it is the checkout's `.data`, which the embedded PostgreSQL,
  // run as another user, must be able to enter. The file itself is readable by its owner only.
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process created the file first; use its secret.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = readSecretFile(file);
  if (created === undefined) throw new Error(`could not read the development secret ${file}`);
  return created;
}

function readSecretFile(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (Buffer.byteLength(text) < MIN_SECRET_BYTES) {
    throw new Error(
      `the development secret in ${file} is shorter than ${MIN_SECRET_BYTES} bytes; delete the file`,
    );
  }
  return text;
}
