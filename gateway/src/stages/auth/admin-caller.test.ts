import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { HttpProblem } from '@scholarships/service-kit';
import type { Request, Response } from 'express';
import { createEdgeState, createRequestView } from '../../edge';
import { requireAdminCaller } from './admin-caller';

function requestAs(roles: readonly string[] | undefined): Request {
  const req = new IncomingMessage(new Socket());
  req.url = '/api/v1/admin/gateway/rollout';
  const state = createEdgeState(req, createRequestView(req, '127.0.0.1'));
  if (roles !== undefined) state.identity = { userId: 'student-1', roles };
  return req as Request;
}

function rejection(req: Request): HttpProblem {
  try {
    requireAdminCaller(req, {} as Response, () => undefined);
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected requireAdminCaller to throw for this caller');
}

describe('requireAdminCaller', () => {
  it('challenges an anonymous caller', () => {
    const problem = rejection(requestAs(undefined));
    expect(problem.status).toBe(401);
    expect(problem.headers['WWW-Authenticate']).toBe('Bearer realm="scholarships-api"');
  });

  it('challenges a caller without the role', () => {
    const problem = rejection(requestAs(['student']));
    expect(problem.status).toBe(403);
    expect(problem.code).toBe('ROLE_REQUIRED');
    expect(problem.headers['WWW-Authenticate']).toBe(
      'Bearer realm="scholarships-api", error="insufficient_scope", ' +
        'error_description="This route needs the admin role"',
    );
  });

  it('passes an admin caller', () => {
    const next = jest.fn();
    requireAdminCaller(requestAs(['admin']), {} as Response, next);
    expect(next).toHaveBeenCalledWith();
  });
});
