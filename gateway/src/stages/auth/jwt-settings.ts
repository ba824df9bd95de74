import { createPublicKey, type KeyObject } from 'node:crypto';
import { MIN_SECRET_BYTES } from './dev-secret';

/** Source of the verification keys; exactly one is configured. */
export type JwtKeySource =
  | { kind: 'jwks'; url: string }
  | { kind: 'public-key'; pem: string }
  | { kind: 'secret'; secret: string }
  /** No key configured: a random secret kept in a local file, for development. */
  | { kind: 'dev-secret'; file: string };

export interface JwtSettings {
  source: JwtKeySource;
  /** Allowed `alg` values; a token with any other, `none` included, is rejected. */
  algorithms: readonly string[];
  issuer: string;
  audience: string;
  clockSkewSeconds: number;
}

/** The raw configuration values the settings are made from. */
export interface JwtConfigValues {
  JWT_JWKS_URL?: string | undefined;
  JWT_PUBLIC_KEY?: string | undefined;
  JWT_SECRET?: string | undefined;
  JWT_DEV_SECRET_FILE: string;
  JWT_ALGORITHMS: readonly string[];
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_CLOCK_SKEW_SECONDS: number;
}

const HMAC_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512']);
const ASYMMETRIC_ALGORITHMS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);
/** Defaults for a JWKS, whose keys may be of any of these types. */
const DEFAULT_JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/** One configuration problem, named by its variable. */
export interface JwtConfigProblem {
  variable: string;
  message: string;
}

/**
 * Checks the JWT variables together. HMAC algorithms are allowed only with a shared secret and
 * asymmetric ones only with public keys, which rules out algorithm confusion, where a token signed
 * with HS256 and the public key as the secret would otherwise verify.
 */
export function checkJwtConfig(values: JwtConfigValues): JwtConfigProblem[] {
  const problems: JwtConfigProblem[] = [];
  const sources = (['JWT_JWKS_URL', 'JWT_PUBLIC_KEY', 'JWT_SECRET'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (sources.length > 1) {
    const message = `set only one of ${sources.join(', ')}`;
    for (const variable of sources) problems.push({ variable, message });
    return problems;
  }
  if (values.JWT_SECRET !== undefined && Buffer.byteLength(values.JWT_SECRET) < MIN_SECRET_BYTES) {
    problems.push({
      variable: 'JWT_SECRET',
      message: `must be at least ${MIN_SECRET_BYTES} bytes; generate one with openssl rand -base64 48`,
    });
  }
  if (values.JWT_PUBLIC_KEY !== undefined) {
    const error = publicKeyError(values.JWT_PUBLIC_KEY);
    if (error !== undefined) problems.push({ variable: 'JWT_PUBLIC_KEY', message: error });
  }
  const symmetric = values.JWT_JWKS_URL === undefined && values.JWT_PUBLIC_KEY === undefined;
  for (const algorithm of values.JWT_ALGORITHMS) {
    const error = algorithmError(algorithm, symmetric);
    if (error !== undefined) problems.push({ variable: 'JWT_ALGORITHMS', message: error });
  }
  return problems;
}

function algorithmError(algorithm: string, symmetric: boolean): string | undefined {
  if (symmetric && !HMAC_ALGORITHMS.has(algorithm)) {
    return `${algorithm} is not an HMAC algorithm; with a shared secret use HS256, HS384 or HS512`;
  }
  if (!symmetric && !ASYMMETRIC_ALGORITHMS.has(algorithm)) {
    return `${algorithm} is not allowed with public keys; use e.g. RS256, ES256 or EdDSA`;
  }
  return undefined;
}

function publicKeyError(pem: string): string | undefined {
  if (!/-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(pem)) {
    return 'must be a PEM public key (-----BEGIN PUBLIC KEY-----), never a private key';
  }
  try {
    createPublicKey(pem);
    return undefined;
  } catch (error) {
    return `is not a readable PEM public key (${(error as Error).message})`;
  }
}

/** Builds the settings from values that passed checkJwtConfig. */
export function resolveJwtSettings(values: JwtConfigValues): JwtSettings {
  const source = resolveSource(values);
  const algorithms =
    values.JWT_ALGORITHMS.length > 0 ? values.JWT_ALGORITHMS : defaultAlgorithms(source);
  return {
    source,
    algorithms,
    issuer: values.JWT_ISSUER,
    audience: values.JWT_AUDIENCE,
    clockSkewSeconds: values.JWT_CLOCK_SKEW_SECONDS,
  };
}

function resolveSource(values: JwtConfigValues): JwtKeySource {
  if (values.JWT_JWKS_URL !== undefined) return { kind: 'jwks', url: values.JWT_JWKS_URL };
  if (values.JWT_PUBLIC_KEY !== undefined)
    return { kind: 'public-key', pem: values.JWT_PUBLIC_KEY };
  if (values.JWT_SECRET !== undefined) return { kind: 'secret', secret: values.JWT_SECRET };
  return { kind: 'dev-secret', file: values.JWT_DEV_SECRET_FILE };
}

function defaultAlgorithms(source: JwtKeySource): string[] {
  if (source.kind === 'jwks') return DEFAULT_JWKS_ALGORITHMS;
  if (source.kind === 'public-key') return [algorithmOfKey(createPublicKey(source.pem))];
  return ['HS256'];
}

/** Returns the JWS algorithm (RFC 7518 §3.1) that matches a public key's type and curve. */
export function algorithmOfKey(key: KeyObject): string {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return 'RS256';
  if (type === 'rsa-pss') return 'PS256';
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'secp384r1') return 'ES384';
    if (curve === 'secp521r1') return 'ES512';
    return 'ES256';
  }
  throw new Error(`public keys of type ${type} are not supported; use RSA, EC or Ed25519`);
}
