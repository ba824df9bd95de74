// Bundles the web app with esbuild into content-hashed files under `<outDir>/assets/` and writes
// `<outDir>/index.html` that references them. `node build.js` builds into `web/dist`.
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const SOURCE_DIR = path.join(__dirname, 'src');
const SCRIPT_ENTRY = path.join(SOURCE_DIR, 'app', 'main.ts');
const STYLES_ENTRY = path.join(SOURCE_DIR, 'app', 'styles.css');
const TEMPLATE = path.join(SOURCE_DIR, 'index.html');

/** Browsers the bundle is compiled for: versions from 2023 on, which all run ES2022. */
const BROWSER_TARGETS = ['chrome115', 'firefox115', 'safari16.4', 'edge115'];

/**
 * Builds the app into `outDir` (default `web/dist`) and returns the URL paths of the files the page
 * loads. Only `assets/` and `index.html` are replaced, so other outputs in `outDir` stay.
 *
 * @param {{ outDir?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outDir: string, scriptUrl: string, stylesUrl: string }>}
 */
async function buildWeb(options = {}) {
  const outDir = options.outDir ?? path.join(__dirname, 'dist');
  const assetsDir = path.join(outDir, 'assets');
  rmSync(assetsDir, { recursive: true, force: true });
  mkdirSync(assetsDir, { recursive: true });

  const result = await esbuild.build({
    entryPoints: [SCRIPT_ENTRY, STYLES_ENTRY],
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: BROWSER_TARGETS,
    minify: options.minify ?? true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });

  const scriptUrl = assetUrl(result.metafile, outDir, SCRIPT_ENTRY);
  const stylesUrl = assetUrl(result.metafile, outDir, STYLES_ENTRY);
  const html = readFileSync(TEMPLATE, 'utf8')
    .replace('%SCRIPT_URL%', scriptUrl)
    .replace('%STYLES_URL%', stylesUrl);
  writeFileSync(path.join(outDir, 'index.html'), html);
  return { outDir, scriptUrl, stylesUrl };
}

/** Finds the output file esbuild wrote for an entry point and returns its URL path, `/assets/...`. */
function assetUrl(metafile, outDir, entry) {
  const entryPath = path.relative(process.cwd(), entry).split(path.sep).join('/');
  for (const [output, details] of Object.entries(metafile.outputs)) {
    if (details.entryPoint === entryPath) {
      const relative = path.relative(outDir, path.resolve(process.cwd(), output));
      return `/${relative.split(path.sep).join('/')}`;
    }
  }
  throw new Error(`esbuild wrote no output for ${entryPath}`);
}

module.exports = { buildWeb };

if (require.main === module) {
  buildWeb().then(
    (built) => {
      process.stdout.write(`built ${built.scriptUrl} and ${built.stylesUrl} in ${built.outDir}\n`);
    },
    (error) => {
      process.stderr.write(`web build failed: ${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
