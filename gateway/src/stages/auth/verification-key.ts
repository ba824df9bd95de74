import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Logger } from '@scholarships/logger';
import type { JWTVerifyGetKey } from 'jose';
import { loadOrCreateDevSecret } from './dev-secret';
import type { JwtKeySource } from './jwt-settings';
import { createRemoteKeySet } from './remote-key-set';

export type VerificationKey = KeyObject | Uint8Array | JWTVerifyGetKey;

export interface VerificationKeyOptions {
  logger: Logger;
  jwksCooldownMs: number;
  jwksRefreshMs: number;
  jwksTimeoutMs: number;
}

/** Creates the key that jose verifies signatures with, once at start-up. */
export function createVerificationKey(
  source: JwtKeySource,
  options: VerificationKeyOptions,
): VerificationKey {
  switch (source.kind) {
    case 'jwks':
      return createRemoteKeySet(source.url, {
        cooldownMs: options.jwksCooldownMs,
        refreshMs: options.jwksRefreshMs,
        timeoutMs: options.jwksTimeoutMs,
        logger: options.logger,
      });
    case 'public-key':
      return createPublicKey(source.pem);
    case 'secret':
      return new TextEncoder().encode(source.secret);
    case 'dev-secret':
      return new TextEncoder().encode(loadOrCreateDevSecret(source.file));
  }
}
