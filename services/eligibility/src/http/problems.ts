import { HttpProblem } from '@scholarships/service-kit';

/** Problems of the eligibility service beside service-kit's shared catalogue. */
export const eligibilityProblems = {
  /** RFC 9110 §15.5.2: a 401 carries a `WWW-Authenticate` challenge. */
  authenticationRequired: () =>
    new HttpProblem({
      status: 401,
      code: 'AUTHENTICATION_REQUIRED',
      title: 'Authentication required',
      detail: 'This route needs a signed-in user; send a bearer token through the gateway',
      headers: { 'WWW-Authenticate': 'Bearer' },
    }),
  profileNotFound: () =>
    new HttpProblem({
      status: 404,
      code: 'PROFILE_NOT_FOUND',
      title: 'Profile not found',
      detail: 'No profile is stored for the signed-in user; create one with PUT /api/v1/me/profile',
    }),
  scholarshipNotFound: (id: string) =>
    new HttpProblem({
      status: 404,
      code: 'SCHOLARSHIP_NOT_FOUND',
      title: 'Scholarship not found',
      detail: `No scholarship has the id ${id}; take ids from search or eligibility results`,
    }),
  /** RFC 9110 §13.1.1: If-Match names no current version, or no profile exists yet. */
  profileVersionMismatch: (sent: string, current: string | undefined) =>
    new HttpProblem({
      status: 412,
      code: 'PRECONDITION_FAILED',
      title: 'Precondition failed',
      detail:
        current === undefined
          ? `If-Match ${sent} was sent, but no profile is stored yet; send the PUT without If-Match to create it`
          : `If-Match ${sent} does not match the current ETag ${current}; fetch the profile again and reapply the change`,
    }),
  /** RFC 9110 §13.1.2: If-None-Match `*` on a PUT creates only, and a profile exists. */
  profileExists: (current: string) =>
    new HttpProblem({
      status: 412,
      code: 'PRECONDITION_FAILED',
      title: 'Precondition failed',
      detail: `If-None-Match forbids replacing the stored profile, whose ETag is ${current}; send If-Match ${current} to replace it`,
    }),
  storedProfileInvalid: () =>
    new HttpProblem({
      status: 500,
      code: 'STORED_PROFILE_INVALID',
      title: 'Stored profile is invalid',
      detail:
        'The stored profile no longer passes validation; send it again with PUT /api/v1/me/profile',
    }),
};
