import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '@scholarships/config';
import { SignJWT } from 'jose';
import { loadGatewayConfig } from '../config';
import { loadOrCreateDevSecret, resolveJwtSettings } from '../stages/auth';

/**
 * Prints a signed access token that a gateway with the same configuration accepts, for local
 * development. It reads the gateway's JWT variables. With JWT_SECRET, or without any key, it signs
 * with HS256 and that secret or the development secret file. With JWT_PUBLIC_KEY or JWT_JWKS_URL
 * it needs the matching private key in --private-key.
 *
 *   node gateway/dist/tools/issue-dev-token.js --sub student-1 --roles admin --ttl 3600
 */
const USAGE = `Usage: node gateway/dist/tools/issue-dev-token.js --sub <user id> [options]
  --sub <id>            token subject, forwarded to services as the user id (required)
  --roles <a,b>         comma-separated roles, e.g. admin (default: none)
  --ttl <seconds>       lifetime in seconds, at most 30 days (default: 3600)
  --private-key <file>  PEM private key, needed when the gateway verifies with public keys
  --kid <id>            key id to put in the header, for a JWKS with several keys`;

interface Options {
  sub: string;
  roles: string[];
  ttlSeconds: number;
  privateKeyFile: string | undefined;
  kid: string | undefined;
}

/** Maximum lifetime of a development token: 30 days. */
const MAX_TTL_SECONDS = 30 * 24 * 3600;

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        sub: { type: 'string' },
        roles: { type: 'string', default: '' },
        ttl: { type: 'string', default: '3600' },
        'private-key': { type: 'string' },
        kid: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function readOptions(): Options {
  const { values } = parseCommandLine();
  if (values.help) throw new HelpRequested(USAGE);
  const sub = values.sub?.trim();
  if (sub === undefined || sub === '') {
    throw new UsageError(`--sub is required and must not be empty\n${USAGE}`);
  }
  if (!/^\d+$/.test(values.ttl) || Number(values.ttl) < 1 || Number(values.ttl) > MAX_TTL_SECONDS) {
    throw new UsageError(
      `--ttl must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got "${values.ttl}"`,
    );
  }
  return {
    sub,
    roles: (values.roles ?? '')
      .split(',')
      .map((role) => role.trim())
      .filter((role) => role.length > 0),
    ttlSeconds: Number(values.ttl),
    privateKeyFile: values['private-key'],
    kid: values.kid,
  };
}

/** `--help`: the usage text goes to stdout and the exit status is 0. */
class HelpRequested extends Error {}

class UsageError extends Error {}

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

async function main(): Promise<void> {
  try {
    const token = await issueToken(readOptions());
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
