import { ApiNetworkError, ApiProblemError } from '@scholarships/client';

/** Message and retry advice that the page shows for a failed request. */
export interface ErrorDescription {
  /** One or two sentences for the reader, built from the problem details when there are any. */
  message: string;
  /** Invalid input, one line per field, e.g. `GPA: must be at most 4.0`. */
  fieldErrors: string[];
  /** Seconds to wait before a retry can succeed, from Retry-After. */
  retryAfterSeconds: number | undefined;
  /** Whether the same request may succeed later, so a Retry button makes sense. */
  retryable: boolean;
  /** The gateway's request id, for a support request. */
  requestId: string | undefined;
}

/** Turns an error thrown by the client into the message and retry advice the page shows. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiProblemError) return describeProblem(error);
  if (error instanceof ApiNetworkError) {
    return {
      message: 'The scholarship service could not be reached. Check your connection and retry.',
      fieldErrors: [],
      retryAfterSeconds: undefined,
      retryable: true,
      requestId: undefined,
    };
  }
  return {
    message: 'Something went wrong in this page. Reload it and try again.',
    fieldErrors: [],
    retryAfterSeconds: undefined,
    retryable: false,
    requestId: undefined,
  };
}

function describeProblem(error: ApiProblemError): ErrorDescription {
  const { title, detail, requestId } = error.problem;
  return {
    message: messageFor(error.status, title, detail, error.retryAfterSeconds),
    fieldErrors: error.fieldErrors.map((entry) => `${fieldLabel(entry.field)}: ${entry.message}`),
    retryAfterSeconds: error.retryAfterSeconds,
    retryable: error.status === 429 || error.status >= 500,
    requestId: requestId === '' ? undefined : requestId,
  };
}

function messageFor(
  status: number,
  title: string,
  detail: string | undefined,
  retryAfterSeconds: number | undefined,
): string {
  if (status === 429) {
    const wait = retryAfterSeconds === undefined ? 'a moment' : `${retryAfterSeconds} s`;
    return `Too many requests from this device. You can retry in ${wait}.`;
  }
  if (status === 503) {
    return `${title}. The service is busy or restarting; retry shortly.`;
  }
  return detail === undefined ? `${title}.` : `${title}: ${detail}`;
}

/** `body.gpa` reads as `gpa`, `query.award_min` as `award min`. */
function fieldLabel(field: string): string {
  const name = field.replace(/^(body|query|params)\./, '');
  return name.replaceAll('_', ' ');
}
