import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROUTES } from '../routes';
import { buildOpenApiDocument } from './build-document';
import { openApiPath } from './operation';

/**
 * The validator is an ES module, which jest's CommonJS runtime cannot load, so
 * a child Node.js process imports it and validates the document sent on stdin.
 */
const VALIDATE_STDIN = `
let text = '';
process.stdin.on('data', (chunk) => { text += chunk; });
process.stdin.on('end', async () => {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(text));
  process.stdout.write(JSON.stringify({ ...result, version: validator.version }));
});
`;

interface ValidationResult {
  valid: boolean;
  errors?: unknown;
  version: string;
}

function validateOpenApi(document: unknown): ValidationResult {
  const child = spawnSync(process.execPath, ['-e', VALIDATE_STDIN], {
    cwd: path.join(__dirname, '..', '..'),
    input: JSON.stringify(document),
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (child.status !== 0) throw new Error(`the validator failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ValidationResult;
}

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
};

function operationOf(method: string, path: string): Operation {
  const document = buildOpenApiDocument();
  const operation = document.paths[openApiPath(path)]?.[method];
  if (operation === undefined) throw new Error(`no operation ${method} ${path}`);
  return operation as Operation;
}

/** Returns the schema of the first property named `name` anywhere in a JSON Schema. */
function findProperty(schema: unknown, name: string): unknown {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (properties?.[name] !== undefined) return properties[name];
  for (const member of Object.values(schema)) {
    const found = findProperty(member, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('buildOpenApiDocument', () => {
  it('validates as an OpenAPI 3.1 document', () => {
    const result = validateOpenApi(buildOpenApiDocument());

    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(result.version).toBe('3.1');
  });

  it('fails validation for a broken document', () => {
    const document = buildOpenApiDocument();
    const broken = { ...document, paths: { '/api/v1/search': { get: { responses: 'none' } } } };

    expect(validateOpenApi(broken).valid).toBe(false);
  });

  it('gives every route a unique operationId', () => {
    const ids = ROUTES.map((route) => route.operationId);

    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes every route of the catalogue once', () => {
    const document = buildOpenApiDocument();
    const described = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );

    expect(described.sort()).toEqual(
      ROUTES.map((route) => `${route.method} ${openApiPath(route.path)}`).sort(),
    );
  });

  it('turns path and query schemas into parameters', () => {
    const scholarship = operationOf('get', '/api/v1/scholarships/:id');
    const suggest = operationOf('get', '/api/v1/search/suggest');

    expect(scholarship.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );
    expect(suggest.parameters).toContainEqual(
      expect.objectContaining({ name: 'q', in: 'query', required: true }),
    );
    expect(suggest.parameters).toContainEqual(
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    );
  });

  it('describes request bodies by what a client sends', () => {
    const check = operationOf('post', '/api/v1/eligibility/check');
    const schema = check.requestBody?.content['application/json']?.schema;

    // The input side keeps every profile field optional, before defaults fill them in.
    expect(schema?.required).toBeUndefined();
    expect(Object.keys((schema?.properties as object) ?? {})).toContain('fieldsOfStudy');
  });

  it('keeps limits and defaults of fields that are normalized after validation', () => {
    const create = operationOf('post', '/api/v1/admin/scholarships');
    const profile = operationOf('put', '/api/v1/me/profile');
    const document = create.requestBody?.content['application/json']?.schema as {
      properties: { award: { properties: { min: Record<string, unknown> } } };
    };
    const profileSchema = profile.requestBody?.content['application/json']?.schema as {
      properties: Record<string, unknown>;
    };

    expect(document.properties.award.properties.min.default).toBeNull();
    expect(JSON.stringify(profileSchema.properties.ethnicities)).toContain('"maxLength":100');
  });

  it('describes minGpa as above zero', () => {
    for (const [method, path] of [
      ['post', '/api/v1/admin/scholarships'],
      ['put', '/api/v1/admin/scholarships/:id'],
      ['patch', '/api/v1/admin/scholarships/:id'],
    ] as const) {
      const schema = operationOf(method, path).requestBody?.content['application/json']?.schema;
      const minGpa = JSON.stringify(findProperty(schema, 'minGpa'));

      expect({ method, minGpa }).toEqual({
        method,
        minGpa: expect.stringContaining('"exclusiveMinimum":0,"maximum":4'),
      });
      expect({ method, minGpa }).toEqual({
        method,
        minGpa: expect.not.stringContaining('"minimum"'),
      });
    }
  });

  it('sends problems as problem+json and marks token routes as secured', () => {
    const profile = operationOf('put', '/api/v1/me/profile');

    expect(Object.keys(profile.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '412', '429', '503']),
    );
    expect(profile.responses['412']?.content).toHaveProperty(['application/problem+json']);
    expect(profile.security).toEqual([{ bearerToken: [] }]);
    expect(operationOf('get', '/api/v1/search').security).toBeUndefined();
  });

  it('lists the edge limits and a rejected token on public routes', () => {
    const lookup = operationOf('get', '/api/v1/scholarships/:id');

    expect(Object.keys(lookup.responses)).toEqual(
      expect.arrayContaining(['401', '403', '413', '414', '415', '429', '431', '503']),
    );
    expect(Object.keys(lookup.responses)).toEqual(expect.arrayContaining(['408', '502', '504']));
    expect(lookup.security).toBeUndefined();
  });

  it('lists no service failures on routes the gateway serves', () => {
    const statuses = Object.keys(operationOf('get', '/api/v1/openapi.json').responses);

    expect(statuses).toEqual(expect.arrayContaining(['408', '429']));
    expect(statuses).not.toContain('502');
    expect(statuses).not.toContain('503');
    expect(statuses).not.toContain('504');
  });

  it('lists admin preconditions on admin writes', () => {
    const patch = operationOf('patch', '/api/v1/admin/scholarships/:id');

    expect(Object.keys(patch.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '412', '428']),
    );
    expect(Object.keys(patch.requestBody?.content ?? {})).toContain('application/merge-patch+json');
  });
});
