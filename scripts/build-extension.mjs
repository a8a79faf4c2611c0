// Builds the browser extension into dist/extension/, a folder Chromium loads unpacked:
// www/extension/* plus the npm package's browser files (from pkg/, written by `npm run build`)
// in dist/extension/scrim/. The manifest's version follows Cargo.toml.
//
//   node scripts/build-extension.mjs        (npm run build:extension builds pkg/ first)
//   node scripts/build-extension.mjs --pkg DIR --out DIR   another package build / output folder
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { moduleFiles } from './module-graph.mjs';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'www', 'extension');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
};
const pkg = option('--pkg', join(root, 'pkg'));
const out = option('--out', join(root, 'dist', 'extension'));
// What the service worker imports: the browser entry (index.js) and whatever it imports in turn:
// the shared API, the wasm-bindgen glue, the module.
if (!existsSync(join(pkg, 'index.js'))) throw new Error(`build-extension: ${join(pkg, 'index.js')} is missing; run \`npm run build\` first`);
const ENGINE = moduleFiles(pkg, ['index.js']);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'scrim'), { recursive: true });
cpSync(src, out, { recursive: true, filter: (path) => !path.endsWith('.md') });
for (const file of ENGINE) copyFileSync(join(pkg, file), join(out, 'scrim', file));

const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
// Chrome wants 1-4 dot-separated integers; a pre-release suffix goes to version_name.
manifest.version = version.replace(/[-+].*$/, '');
manifest.version_name = version;
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.error(`build-extension: ${out} (scrim ${version}); load it unpacked at chrome://extensions`);
