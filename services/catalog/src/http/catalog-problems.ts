import { HttpProblem } from '@scholarships/service-kit';

/** Problems of the catalog beside service-kit's shared catalogue. */
export const catalogProblems = {
  /** RFC 9110 §15.5.2: a 401 carries a `WWW-Authenticate` challenge. */
  authenticationRequired: () =>
    new HttpProblem({
      status: 401,
      code: 'AUTHENTICATION_REQUIRED',
      title: 'Authentication required',
      detail: 'This route needs a signed-in user; send a bearer token through the gateway',
      headers: { 'WWW-Authenticate': 'Bearer' },
    }),
  forbidden: (role: string) =>
    new HttpProblem({
      status: 403,
      code: 'FORBIDDEN',
      title: 'Forbidden',
      detail: `This route needs the ${role} role, which the signed-in user does not have`,
    }),
  /** RFC 6585 §3: the server requires conditional requests for this method. */
  preconditionRequired: (id: string) =>
    new HttpProblem({
      status: 428,
      code: 'PRECONDITION_REQUIRED',
      title: 'Precondition required',
      detail: `Send If-Match with the ETag of GET /api/v1/scholarships/${id}, so a concurrent change is not overwritten`,
    }),
  /** RFC 9110 §13.1.1: the If-Match condition evaluated to false. */
  versionMismatch: (sent: string, current: string) =>
    new HttpProblem({
      status: 412,
      code: 'PRECONDITION_FAILED',
      title: 'Precondition failed',
      detail: `If-Match ${sent} does not match the current ETag ${current}; fetch the scholarship again and reapply the change`,
    }),
};
