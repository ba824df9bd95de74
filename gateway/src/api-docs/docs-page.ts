import { createHash } from 'node:crypto';
import type { OpenApiDocument } from '@scholarships/api-contract';
import { escapeHtml, proseHtml } from './html';

/** The parts of an OpenAPI operation that the page shows. */
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: {
    name: string;
    in: string;
    required: boolean;
    description?: string;
    schema: unknown;
  }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  'x-access'?: string;
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 2rem; color: #1d232a; }
h1 { margin-bottom: 0; } nav a { margin-right: 1rem; }
section.route { border-top: 1px solid #d0d7de; padding: 0.5rem 0 1rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
.get { color: #0a6d2c; } .post { color: #0550ae; } .put, .patch { color: #8a5300; } .delete { color: #a40e26; }
.access { font-size: 0.8rem; border: 1px solid #8c959f; border-radius: 0.6rem; padding: 0 0.5rem; margin-left: 0.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0; } th, td { text-align: left; padding: 0.2rem 0.8rem 0.2rem 0; vertical-align: top; }
pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }
code { font-size: 0.9rem; }
`;

function schemaBlock(label: string, schema: unknown): string {
  const json = escapeHtml(JSON.stringify(schema, null, 2));
  return `<details><summary>${escapeHtml(label)}</summary><pre>${json}</pre></details>`;
}

function schemaDescription(schema: unknown): string {
  const description = (schema as { description?: unknown }).description;
  return typeof description === 'string' ? description : '';
}

function parameterRows(operation: Operation): string {
  const parameters = operation.parameters ?? [];
  if (parameters.length === 0) return '';
  const rows = parameters.map(
    (parameter) =>
      `<tr><td><code>${escapeHtml(parameter.name)}</code></td><td>${escapeHtml(parameter.in)}</td>` +
      `<td>${parameter.required ? 'required' : 'optional'}</td>` +
      `<td>${proseHtml(parameter.description ?? schemaDescription(parameter.schema))}</td>` +
      `<td><code>${escapeHtml(JSON.stringify(parameter.schema))}</code></td></tr>`,
  );
  return `<table><tr><th>parameter</th><th>in</th><th></th><th>meaning</th><th>schema</th></tr>${rows.join('')}</table>`;
}

function requestBodyBlock(operation: Operation): string {
  const content = Object.entries(operation.requestBody?.content ?? {});
  const [first] = content;
  if (first === undefined) return '';
  const mediaTypes = content.map(([mediaType]) => mediaType).join(' or ');
  return schemaBlock(`request body as ${mediaTypes}`, first[1].schema);
}

function responseRows(operation: Operation): string {
  const rows = Object.entries(operation.responses).map(([status, response]) => {
    const [mediaType, body] = Object.entries(response.content ?? {})[0] ?? [];
    const schema =
      body === undefined || mediaType === 'application/problem+json'
        ? ''
        : schemaBlock(`${mediaType} schema`, body.schema);
    return `<tr><td><strong>${escapeHtml(status)}</strong></td><td>${proseHtml(response.description)}${schema}</td></tr>`;
  });
  return `<table>${rows.join('')}</table>`;
}

function routeSection(path: string, method: string, operation: Operation): string {
  const access = operation['x-access'] ?? 'public';
  return `<section class="route" id="${escapeHtml(operation.operationId)}">
<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code><span class="access">${escapeHtml(access)}</span></h3>
<p>${proseHtml(operation.summary)}${operation.description ? `. ${proseHtml(operation.description)}` : ''}</p>
${parameterRows(operation)}${requestBodyBlock(operation)}${responseRows(operation)}
</section>`;
}

function operationsOf(document: OpenApiDocument): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(
      ([method, operation]): [string, string, Operation] => [path, method, operation],
    ),
  );
}

function routeIndex(operations: readonly [string, string, Operation][]): string {
  const items = operations.map(
    ([path, method, operation]) =>
      `<li><a href="#${escapeHtml(operation.operationId)}"><span class="method ${escapeHtml(method)}">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code></a> ${proseHtml(operation.summary)}</li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

/** The Content-Security-Policy of the page: its one inline style and nothing else. */
export const DOCS_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/** Renders every route of the document as one self-contained HTML page that loads nothing else. */
export function renderDocsPage(document: OpenApiDocument, documentPath: string): string {
  const info = document.info as { title: string; version: string; description?: string };
  const problem = (document.components as { schemas: Record<string, unknown> }).schemas
    .ProblemDetails;
  const operations = operationsOf(document);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(info.title)}</h1><p>Version ${escapeHtml(info.version)}. ${proseHtml(info.description ?? '')}</p>
<nav><a href="${escapeHtml(documentPath)}">OpenAPI 3.1 document (JSON)</a></nav>
<h2>Errors</h2><p>Every error is <code>application/problem+json</code>; routes with <em>user</em> or <em>admin</em> access need <code>Authorization: Bearer &lt;token&gt;</code>.</p>
${schemaBlock('problem details schema', problem)}
<h2>Routes</h2>
${routeIndex(operations)}
${operations.map(([path, method, operation]) => routeSection(path, method, operation)).join('\n')}
</body></html>
`;
}
