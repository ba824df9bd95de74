export { type ApiDocsOptions, createApiDocsRoutes } from './api-docs-routes';
