import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { type ComposeFile, loadComposeFile } from './compose-file';

/**
 * Compiles the Compose Specification schema (compose-spec/compose-spec,
 * schema/compose-spec.json) in the copy that the dclint package ships as
 * schemas/compose.schema.json. That file is not among dclint's exports, so it is
 * read from the package folder, and dclint is pinned to an exact version.
 */
function compileComposeSchema(): ValidateFunction {
  const packageFolder = path.dirname(require.resolve('dclint/package.json'));
  const schemaPath = path.join(packageFolder, 'schemas', 'compose.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The schema declares draft-07 by its https URL, which Ajv registers under the
  // http URL only. strict: false accepts the schema's union types without warnings.
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile({ ...schema, $schema: 'http://json-schema.org/draft-07/schema#' });
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

const validateCompose = compileComposeSchema();

describe('docker-compose.yml against the Compose Specification', () => {
  test('compose file matches the schema', () => {
    const valid = validateCompose(loadComposeFile());

    expect(describeErrors(validateCompose.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  // The two cases below prove that the validator rejects documents, so the
  // test above cannot pass by accepting anything.
  test('unknown depends_on condition is rejected', () => {
    const compose: ComposeFile = loadComposeFile();
    compose.services.gateway = {
      ...compose.services.gateway,
      depends_on: { search: { condition: 'service_ready' } },
    };

    expect(validateCompose(compose)).toBe(false);
  });

  test('unknown service key is rejected', () => {
    const compose = loadComposeFile() as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    compose.services.gateway = { ...compose.services.gateway, healthcheks: {} };

    expect(validateCompose(compose)).toBe(false);
  });
});
