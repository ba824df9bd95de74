export {
  buildOpenApiDocument,
  type OpenApiDocument,
  type OpenApiDocumentOptions,
} from './build-document';
export { openApiPath } from './operation';
