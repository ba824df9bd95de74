import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@scholarships/config';
import { SignJWT } from 'jose';
import { loadGatewayConfig } from '../config';
import { loadOrCreateDevSecret, resolveJwtSettings } from '../stages/auth';
import { HelpRequested, type Options, readOptions, UsageError } from './dev-token/options';

/** Reads a PEM private key, turning a missing or unreadable file into a usage error. */
function readPrivateKey(file: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `--private-key ${file} is not a readable PEM private key: ${(error as Error).message}`,
    );
  }
}

async function issueToken(options: Options): Promise<string> {
  const config = loadGatewayConfig(process.env);
  const settings = resolveJwtSettings(config);
  const algorithm = settings.algorithms[0] ?? 'HS256';
  const jwt = new SignJWT({ roles: options.roles })
    .setSubject(options.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`);
  const { source } = settings;
  if (source.kind === 'secret' || source.kind === 'dev-secret') {
    const secret = source.kind === 'secret' ? source.secret : loadOrCreateDevSecret(source.file);
    jwt.setProtectedHeader({ alg: algorithm, typ: 'JWT' });
    return jwt.sign(new TextEncoder().encode(secret));
  }
  if (options.privateKeyFile === undefined) {
    throw new UsageError(
      `The gateway verifies tokens with public keys (${source.kind}); pass the matching ` +
        'private key with --private-key <file>',
    );
  }
  const key = readPrivateKey(options.privateKeyFile);
  jwt.setProtectedHeader({
    alg: algorithm,
    typ: 'JWT',
    ...(options.kid === undefined ? {} : { kid: options.kid }),
  });
  return jwt.sign(key);
}

/**
 * Prints a signed access token that a gateway with the same configuration accepts, for local
 * development. It reads the gateway's JWT variables. With JWT_SECRET, or without any key, it signs
 * with HS256 and that secret or the development secret file. With JWT_PUBLIC_KEY or JWT_JWKS_URL
 * it needs the matching private key in --private-key.
 *
 *   node gateway/dist/tools/issue-dev-token.js --sub student-1 --roles admin --ttl 3600
 */
async function main(): Promise<void> {
  try {
    const token = await issueToken(readOptions(process.argv.slice(2)));
    process.stdout.write(`${token}\n`);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${error.message}\n`);
      process.exit(0);
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    // Signing failed, e.g. a key that does not fit the gateway's algorithm.
    process.stderr.write(`issuing the token failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
