import { ApiNetworkError, ApiProblemError, type ProblemDetails } from '@scholarships/client';
import { describeError } from './error-description';

function problem(overrides: Partial<ProblemDetails>): ProblemDetails {
  return {
    type: 'about:blank',
    title: 'Invalid request',
    status: 400,
    code: 'VALIDATION_FAILED',
    instance: '/api/v1/eligibility/check',
    requestId: 'request-1',
    ...overrides,
  };
}

describe('describeError', () => {
  it('lists each invalid field without its location prefix', () => {
    const error = new ApiProblemError(
      problem({
        detail: 'The request body is invalid',
        errors: [
          { field: 'body.gpa', message: 'must be at most 4.0' },
          { field: 'query.award_min', message: 'must be a non-negative number' },
        ],
      }),
    );

    const description = describeError(error);

    expect(description.message).toBe('Invalid request: The request body is invalid');
    expect(description.fieldErrors).toEqual([
      'gpa: must be at most 4.0',
      'award min: must be a non-negative number',
    ]);
    expect(description.retryable).toBe(false);
    expect(description.requestId).toBe('request-1');
  });

  it('offers a retry after the Retry-After delay of a 429', () => {
    const error = new ApiProblemError(
      problem({ status: 429, code: 'RATE_LIMITED', title: 'Too many requests' }),
      7,
    );

    const description = describeError(error);

    expect(description.message).toBe('Too many requests from this device. You can retry in 7 s.');
    expect(description.retryable).toBe(true);
    expect(description.retryAfterSeconds).toBe(7);
  });

  it('offers a retry after a 503', () => {
    const error = new ApiProblemError(
      problem({ status: 503, code: 'UPSTREAM_UNAVAILABLE', title: 'Service unavailable' }),
    );

    const description = describeError(error);

    expect(description.message).toBe(
      'Service unavailable. The service is busy or restarting; retry shortly.',
    );
    expect(description.retryable).toBe(true);
  });

  it('leaves out an empty request id', () => {
    const description = describeError(new ApiProblemError(problem({ status: 502, requestId: '' })));

    expect(description.requestId).toBeUndefined();
    expect(description.retryable).toBe(true);
  });

  it('describes a network failure as retryable', () => {
    const description = describeError(new ApiNetworkError('GET /api/v1/search failed'));

    expect(description.message).toContain('could not be reached');
    expect(description.retryable).toBe(true);
    expect(description.fieldErrors).toEqual([]);
  });

  it('describes any other error without a retry', () => {
    const description = describeError(new TypeError('x is undefined'));

    expect(description.message).toBe('Something went wrong in this page. Reload it and try again.');
    expect(description.retryable).toBe(false);
  });
});
