export { ACCESS_RULES, type Access, normalizePath, requiredAccess } from './access-rules';
export { requireAdminCaller } from './admin-caller';
export { type AuthStageOptions, createAuthStage } from './auth-stage';
export { type BearerToken, parseBearerToken } from './bearer-token';
export { DEFAULT_DEV_SECRET_FILE, loadOrCreateDevSecret, MIN_SECRET_BYTES } from './dev-secret';
export {
  ROLE_PATTERN,
  ROLE_RULE,
  SUBJECT_PATTERN,
  SUBJECT_RULE,
} from './identity-claims';
export {
  algorithmOfKey,
  checkJwtConfig,
  type JwtConfigValues,
  type JwtKeySource,
  type JwtSettings,
  resolveJwtSettings,
} from './jwt-settings';
export { createRemoteKeySet, type RemoteKeySetOptions } from './remote-key-set';
export {
  type TokenFailureReason,
  TokenVerifier,
  type TokenVerifierOptions,
  type VerificationResult,
} from './token-verifier';
export { createVerificationKey, type VerificationKey } from './verification-key';
export { AUTH_REALM, bearerChallenge } from './www-authenticate';
