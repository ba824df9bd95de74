import { z } from 'zod';

/** A JSON Schema (draft 2020-12) object, the dialect OpenAPI 3.1 uses. */
export type JsonSchema = Record<string, unknown>;

/**
 * Converts a zod schema with zod's own converter. Requests are described by
 * what a client sends (`input`), before transforms and defaults apply;
 * responses by what the server sends (`output`). The `$schema` member is
 * dropped, because OpenAPI 3.1 declares the dialect once for the document.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
  }) as JsonSchema;
  return rest;
}

/** One member of an object schema: its name, schema and whether it is required. */
export interface SchemaProperty {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/** Lists the members of an object schema, e.g. to turn a query schema into parameters. */
export function objectProperties(schema: z.ZodType): SchemaProperty[] {
  const json = toJsonSchema(schema, 'input');
  if (json.type !== 'object' || typeof json.properties !== 'object' || json.properties === null) {
    throw new Error('a parameter schema must describe an object');
  }
  const required = new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
  return Object.entries(json.properties as Record<string, JsonSchema>).map(([name, member]) => ({
    name,
    schema: member,
    required: required.has(name),
  }));
}
