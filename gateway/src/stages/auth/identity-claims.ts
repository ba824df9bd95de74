import type { JWTPayload } from 'jose';
import type { Identity } from '../../edge';

/**
 * Subjects become the value of a header to the services, which Node.js sends as Latin-1 and
 * rejects beyond it, so they are limited to printable Latin-1 characters. They neither start nor
 * end with a space, because header parsing strips those, and `erin ` would reach the services as
 * the user `erin`.
 */
export const SUBJECT_PATTERN =
  /^[\x21-\x7e\xa1-\xff](?:[\x20-\x7e\xa0-\xff]{0,254}[\x21-\x7e\xa1-\xff])?$/;
export const ROLE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * `SUBJECT_PATTERN` and `ROLE_PATTERN` in words, for error messages. Both use only printable
 * ASCII without `"` and `\`, so they fit the `error_description` of a `WWW-Authenticate` header.
 */
export const SUBJECT_RULE =
  '1 to 256 printable Latin-1 characters that neither start nor end with a space';
export const ROLE_RULE = '1 to 64 characters from A-Z, a-z, 0-9 and _ . : -';

export type IdentityResult = { ok: true; identity: Identity } | { ok: false; description: string };

/**
 * Reads the caller from the verified `sub` and `roles` claims. A failure names the invalid claim
 * and its rule, but never the claim's value, because the description is sent back to the client.
 */
export function readIdentity(payload: JWTPayload): IdentityResult {
  const subject = payload.sub;
  if (typeof subject !== 'string' || !SUBJECT_PATTERN.test(subject)) {
    return {
      ok: false,
      description: `The sub claim is invalid: it must be a string of ${SUBJECT_RULE}`,
    };
  }

  const roles = payload.roles ?? [];
  if (!Array.isArray(roles) || !roles.every(isRole)) {
    return {
      ok: false,
      description: `The roles claim is invalid: it must be an array of strings, each ${ROLE_RULE}`,
    };
  }
  return { ok: true, identity: { userId: subject, roles } };
}

function isRole(role: unknown): role is string {
  return typeof role === 'string' && ROLE_PATTERN.test(role);
}
