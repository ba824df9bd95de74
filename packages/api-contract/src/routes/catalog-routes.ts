import { interactionBody, savedListQuery, savedScholarshipParams } from '../requests/interactions';
import {
  scholarshipDocumentSchema,
  scholarshipPatchSchema,
} from '../requests/scholarship-document';
import { batchQuery, scholarshipIdParams } from '../requests/scholarship-lookup';
import { interactionResultSchema, savedPageSchema } from '../responses/interactions';
import { scholarshipBatchSchema, scholarshipSchema } from '../responses/scholarship';
import { edgeProblems } from './edge-problems';
import { CACHE_HEADERS, IF_MATCH_REQUIRED, IF_NONE_MATCH } from './headers';
import type { RouteDefinition } from './route-definition';

const ADMIN_WRITTEN = {
  ETag: 'Entity tag of the written scholarship, for the next If-Match',
} as const;

const PRECONDITIONS = {
  412: 'If-Match does not match the current ETag',
  428: 'If-Match is missing',
} as const;

export const CATALOG_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'getScholarship',
    method: 'get',
    path: '/api/v1/scholarships/:id',
    summary: 'Read one scholarship',
    owner: 'catalog',
    access: 'public',
    tag: 'scholarships',
    request: { params: scholarshipIdParams, headers: [IF_NONE_MATCH] },
    responses: {
      200: { description: 'The scholarship', schema: scholarshipSchema, headers: CACHE_HEADERS },
      304: { description: 'If-None-Match matches the current ETag' },
    },
    problems: edgeProblems('public', {
      400: '`id` is not a UUID',
      404: 'No scholarship has this id',
    }),
  },
  {
    operationId: 'getScholarships',
    method: 'get',
    path: '/api/v1/scholarships',
    summary: 'Read up to 100 scholarships by id',
    owner: 'catalog',
    access: 'public',
    tag: 'scholarships',
    request: { query: batchQuery, headers: [IF_NONE_MATCH] },
    responses: {
      200: {
        description: 'The scholarships found, in request order, and the ids not found',
        schema: scholarshipBatchSchema,
        headers: CACHE_HEADERS,
      },
      304: { description: 'The cached batch is still current' },
    },
    problems: edgeProblems('public', {
      400: '`ids` is missing, empty, too long or names a non-UUID',
    }),
  },
  {
    operationId: 'createScholarship',
    method: 'post',
    path: '/api/v1/admin/scholarships',
    summary: 'Create a scholarship',
    owner: 'catalog',
    access: 'admin',
    tag: 'admin',
    request: { body: scholarshipDocumentSchema },
    responses: {
      201: {
        description: 'The created scholarship; `Location` names its URL',
        schema: scholarshipSchema,
        headers: { ...ADMIN_WRITTEN, Location: 'URL of the new scholarship' },
      },
    },
    problems: edgeProblems('admin', {
      400: 'A field is invalid or unknown',
    }),
  },
  {
    operationId: 'replaceScholarship',
    method: 'put',
    path: '/api/v1/admin/scholarships/:id',
    summary: 'Replace a scholarship',
    owner: 'catalog',
    access: 'admin',
    tag: 'admin',
    request: {
      params: scholarshipIdParams,
      body: scholarshipDocumentSchema,
      headers: [IF_MATCH_REQUIRED],
    },
    responses: {
      200: {
        description: 'The replaced scholarship',
        schema: scholarshipSchema,
        headers: ADMIN_WRITTEN,
      },
    },
    problems: edgeProblems('admin', {
      400: 'A field or If-Match is invalid, or a field is unknown',
      404: 'No scholarship has this id',
      ...PRECONDITIONS,
    }),
  },
  {
    operationId: 'patchScholarship',
    method: 'patch',
    path: '/api/v1/admin/scholarships/:id',
    summary: 'Change some fields of a scholarship (JSON merge patch)',
    owner: 'catalog',
    access: 'admin',
    tag: 'admin',
    request: {
      params: scholarshipIdParams,
      body: scholarshipPatchSchema,
      bodyMediaTypes: ['application/merge-patch+json', 'application/json'],
      headers: [IF_MATCH_REQUIRED],
    },
    responses: {
      200: {
        description: 'The patched scholarship',
        schema: scholarshipSchema,
        headers: ADMIN_WRITTEN,
      },
    },
    problems: edgeProblems('admin', {
      400: 'A field or If-Match is invalid, a field is unknown, or a changed group breaks a rule across fields',
      404: 'No scholarship has this id',
      415: 'The body is not a merge patch, for example a JSON Patch; Accept-Patch lists the types',
      ...PRECONDITIONS,
    }),
  },
  {
    operationId: 'deleteScholarship',
    method: 'delete',
    path: '/api/v1/admin/scholarships/:id',
    summary: 'Delete a scholarship',
    owner: 'catalog',
    access: 'admin',
    tag: 'admin',
    request: { params: scholarshipIdParams, headers: [IF_MATCH_REQUIRED] },
    responses: { 204: { description: 'Deleted' } },
    problems: edgeProblems('admin', {
      400: '`id` is not a UUID, or If-Match is malformed',
      404: 'No scholarship has this id',
      ...PRECONDITIONS,
    }),
  },
  {
    operationId: 'recordInteraction',
    method: 'post',
    path: '/api/v1/me/interactions',
    summary: 'Record that the user viewed, saved, applied to or dismissed a scholarship',
    owner: 'catalog',
    access: 'user',
    tag: 'me',
    request: { body: interactionBody },
    responses: {
      200: {
        description: 'The same interaction was recorded before',
        schema: interactionResultSchema,
      },
      201: { description: 'The interaction is new', schema: interactionResultSchema },
    },
    problems: edgeProblems('user', {
      400: 'A field is invalid or unknown',
      404: 'No scholarship has this id',
    }),
  },
  {
    operationId: 'getSaved',
    method: 'get',
    path: '/api/v1/me/saved',
    summary: "List the user's saved scholarships, most recent first",
    owner: 'catalog',
    access: 'user',
    tag: 'me',
    request: { query: savedListQuery },
    responses: { 200: { description: 'One page of saved scholarships', schema: savedPageSchema } },
    problems: edgeProblems('user', { 400: '`limit` or `cursor` is invalid' }),
  },
  {
    operationId: 'removeSaved',
    method: 'delete',
    path: '/api/v1/me/saved/:scholarshipId',
    summary: 'Remove a scholarship from the saved list',
    owner: 'catalog',
    access: 'user',
    tag: 'me',
    request: { params: savedScholarshipParams },
    responses: { 204: { description: 'Removed, or it was not saved' } },
    problems: edgeProblems('user', { 400: '`scholarshipId` is not a UUID' }),
  },
];
