import { analysisBody } from '../requests/analysis-body';
import { pageQuery, profileBody } from '../requests/profile-body';
import {
  analysisResultSchema,
  eligibilityCheckResultSchema,
  matchesPageSchema,
  storedProfileSchema,
} from '../responses/eligibility';
import { edgeProblems } from './edge-problems';
import { CACHE_HEADERS, IF_NONE_MATCH, PROFILE_CONDITIONS } from './headers';
import type { RouteDefinition } from './route-definition';

const PROFILE_HEADERS = { ETag: 'The profile version in quotes, e.g. "3"' } as const;

export const ELIGIBILITY_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'checkEligibility',
    method: 'post',
    path: '/api/v1/eligibility/check',
    summary: 'List the scholarships a student profile qualifies for, with a reason per criterion',
    owner: 'eligibility',
    access: 'public',
    tag: 'eligibility',
    request: { query: pageQuery, body: profileBody },
    responses: {
      200: {
        description: 'The profile as applied and one page of matches',
        schema: eligibilityCheckResultSchema,
        headers: CACHE_HEADERS,
      },
    },
    problems: edgeProblems('public', {
      400: 'A profile field or a paging parameter is invalid',
    }),
  },
  {
    operationId: 'analyzeEligibility',
    method: 'post',
    path: '/api/v1/eligibility/analysis',
    summary: 'Score how well a profile fits one scholarship, with strengths, gaps and next steps',
    owner: 'eligibility',
    access: 'public',
    tag: 'eligibility',
    request: { body: analysisBody },
    responses: {
      200: { description: 'The analysis', schema: analysisResultSchema, headers: CACHE_HEADERS },
    },
    problems: edgeProblems('public', {
      400: 'The scholarship id or a profile field is invalid',
      404: 'No scholarship has this id',
    }),
  },
  {
    operationId: 'getProfile',
    method: 'get',
    path: '/api/v1/me/profile',
    summary: "Read the user's stored profile",
    owner: 'eligibility',
    access: 'user',
    tag: 'me',
    request: { headers: [IF_NONE_MATCH] },
    responses: {
      200: {
        description: 'The stored profile',
        schema: storedProfileSchema,
        headers: PROFILE_HEADERS,
      },
      304: { description: 'If-None-Match matches the stored version' },
    },
    problems: edgeProblems('user', { 404: 'No profile is stored yet' }),
  },
  {
    operationId: 'putProfile',
    method: 'put',
    path: '/api/v1/me/profile',
    summary: "Create or replace the user's profile",
    owner: 'eligibility',
    access: 'user',
    tag: 'me',
    request: { body: profileBody, headers: PROFILE_CONDITIONS },
    responses: {
      200: {
        description: 'The replaced profile',
        schema: storedProfileSchema,
        headers: PROFILE_HEADERS,
      },
      201: {
        description: 'The created profile',
        schema: storedProfileSchema,
        headers: PROFILE_HEADERS,
      },
    },
    problems: edgeProblems('user', {
      400: 'A profile field or a condition header is invalid',
      412: 'If-Match or If-None-Match does not hold',
    }),
  },
  {
    operationId: 'getMatches',
    method: 'get',
    path: '/api/v1/me/matches',
    summary: "List the scholarships the user's stored profile qualifies for",
    owner: 'eligibility',
    access: 'user',
    tag: 'me',
    request: { query: pageQuery, headers: [IF_NONE_MATCH] },
    responses: {
      200: {
        description: 'One page of matches',
        schema: matchesPageSchema,
        headers: { ETag: 'A weak tag of the page, e.g. W/"Qm9keSBvZiB0aGUgcGFnZQ"' },
      },
      304: { description: 'If-None-Match lists the ETag of the unchanged page' },
    },
    problems: edgeProblems('user', {
      400: '`limit` or `offset` is invalid',
      404: 'No profile is stored yet',
    }),
  },
];
