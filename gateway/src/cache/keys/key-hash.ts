import { hash } from 'node:crypto';

/**
 * Hash that names a key in both tiers: 32 base64url characters (192 bits) of the SHA-256 of the
 * key text, so Redis keys stay short whatever the query or body.
 */
export function hashKeyText(text: string): string {
  return hash('sha256', text, 'base64url').slice(0, 32);
}

/** SHA-256 of normalized body text, as it appears inside key text. */
export function hashBodyText(text: string): string {
  return hash('sha256', text, 'base64url');
}
