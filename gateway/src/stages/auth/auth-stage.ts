import { ADMIN_ROLE } from '@scholarships/contracts';
import { HttpProblem } from '@scholarships/service-kit';
import {
  CONTINUE,
  type EdgeStage,
  type Identity,
  type RequestView,
  reject,
  type StageDecision,
} from '../../edge';
import type { GatewayMetrics } from '../../metrics';
import { type Access, requiredAccess } from './access-rules';
import { parseBearerToken } from './bearer-token';
import type { TokenVerifier, VerificationResult } from './token-verifier';
import { type BearerErrorCode, bearerChallenge } from './www-authenticate';

export interface AuthStageOptions {
  verifier: TokenVerifier;
  metrics: GatewayMetrics;
}

/**
 * Builds the auth stage. A request without credentials passes on public routes. An
 * `Authorization` header that is sent must contain a valid bearer token on every route, so a
 * client with a broken token learns it. `/api/v1/me/*` needs a user and `/api/v1/admin/*` the
 * admin role. A verified caller continues with its identity, which the proxy forwards.
 */
export function createAuthStage(options: AuthStageOptions): EdgeStage {
  const fail = (
    reason: string,
    status: 401 | 403,
    error: BearerErrorCode | undefined,
    description: string,
  ): StageDecision => {
    options.metrics.authFailures.inc({ reason });
    const challenge = bearerChallenge(error, error === undefined ? undefined : description);
    return reject(authProblem(status, error, description), reason, [
      ['WWW-Authenticate', challenge],
    ]);
  };

  const authorize = (result: VerificationResult, access: Access): StageDecision => {
    if (!result.ok) return fail(result.reason, 401, 'invalid_token', result.description);
    if (access === 'admin' && !result.identity.roles.includes(ADMIN_ROLE)) {
      return fail(
        'missing_role',
        403,
        'insufficient_scope',
        `This route needs the ${ADMIN_ROLE} role`,
      );
    }
    return continueAs(result.identity);
  };

  return {
    name: 'auth',
    timingName: 'auth',
    run(view: RequestView) {
      const access = requiredAccess(view.path);
      const authorization = view.headers.authorization;
      if (authorization === undefined) {
        if (access === 'public') return CONTINUE;
        return fail('missing_token', 401, undefined, 'This route needs a bearer token');
      }
      const parsed = parseBearerToken(authorization);
      if (parsed.kind === 'other-scheme') {
        return fail('unsupported_scheme', 401, undefined, 'Only Bearer tokens are accepted');
      }
      if (parsed.kind === 'malformed-header') {
        return fail('malformed', 401, 'invalid_token', 'The Authorization header is malformed');
      }
      if (parsed.kind === 'invalid-token') {
        return fail('malformed', 401, 'invalid_token', parsed.description);
      }
      const result = options.verifier.verify(parsed.token);
      if (result instanceof Promise) return result.then((settled) => authorize(settled, access));
      return authorize(result, access);
    },
  };
}

function continueAs(identity: Identity): StageDecision {
  return { kind: 'continue', identity };
}

/** Returns the problem of a refused caller: 401 without a usable token, 403 without the role. */
export function authProblem(
  status: 401 | 403,
  error: BearerErrorCode | undefined,
  description: string,
): HttpProblem {
  if (status === 403) {
    return new HttpProblem({
      status,
      code: 'ROLE_REQUIRED',
      title: 'Role required',
      detail: `${description}; sign in with an account that has it`,
    });
  }
  if (error === undefined) {
    return new HttpProblem({
      status,
      code: 'AUTHENTICATION_REQUIRED',
      title: 'Authentication required',
      detail: `${description}; send Authorization: Bearer <token>`,
    });
  }
  return new HttpProblem({
    status,
    code: 'INVALID_TOKEN',
    title: 'Invalid access token',
    detail: `${description}; get a new token and retry`,
  });
}
