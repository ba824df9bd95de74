import path from 'node:path';

/**
 * The web app's build output in this repository, `web/dist`. This file compiles from
 * `gateway/src/static-assets` to `gateway/dist/static-assets`, both three levels below the
 * repository root, so the same relative path works under jest and after `npm run build`.
 */
export const DEFAULT_WEB_ASSETS_DIR = path.resolve(__dirname, '..', '..', '..', 'web', 'dist');
