export { DEFAULT_WEB_ASSETS_DIR } from './default-directory';
export { API_BASE_URL_PLACEHOLDER } from './entry-document';
export { createStaticAssetRoutes, type StaticAssetOptions } from './static-asset-routes';
