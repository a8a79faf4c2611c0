// scrim in apps built by Vite and by webpack 5: a minimal page importing `scrim` and
// `scrim/worker` from the package as a user installs it (npm pack + npm install), built with each
// bundler's Node API, served on loopback and opened in Debian's Chromium. What an app author
// would notice: the wasm loads, a prompt is protected in the page and in the worker, and no
// request leaves the origin.
//
//   node --test tests/browser/bundlers.test.mjs     (needs pkg/: `npm run build`)
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { installedProject } from '../js/install.mjs';
import { launch } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const fixture = join(root, 'tests', 'browser', 'fixtures', 'bundler-app');
const PLACEHOLDERS = 'Mail [EMAIL_ADDRESS_1], card [CREDIT_CARD_1]';

let browser;
let project;
before(async () => {
  if (!existsSync(join(root, 'pkg', 'worker.js'))) throw new Error('pkg/ is not built: run `npm run build` first');
  project = installedProject();
  cpSync(fixture, join(project, 'app'), { recursive: true });
  browser = await launch();
});
after(() => browser?.close());

async function buildWithVite() {
  const { build } = await import('vite');
  const outDir = join(project, 'dist-vite');
  await build({
    root: join(project, 'app'),
    logLevel: 'warn',
    configFile: false,
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
    worker: { format: 'es' },
  });
  return outDir;
}

function buildWithWebpack() {
  const webpack = require('webpack');
  const outDir = join(project, 'dist-webpack');
  return new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: project,
      entry: './app/main.js',
      output: { path: outDir, publicPath: 'auto', clean: true },
      optimization: { minimize: false },
      performance: { hints: false },
      resolve: { modules: [join(project, 'node_modules')] },
      experiments: { outputModule: false },
    }, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      writeFileSync(join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>webpack</title><p id="out">loading</p><script src="main.js"></script>\n');
      resolve(outDir);
    });
  });
}

async function check(name, outDir) {
  const files = readdirSync(outDir, { recursive: true }).map(String);
  assert.ok(files.some((f) => f.endsWith('.wasm')), `${name} emitted no .wasm: ${files}`);
  const { server, url } = await serve(outDir);
  const origin = new URL(url).origin;
  const context = await browser.newContext();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.scrimResult || window.scrimError, null, { timeout: 60_000 });
    const { result, error } = await page.evaluate(() => ({ result: window.scrimResult, error: window.scrimError }));
    assert.equal(error, undefined, `${name}: ${error}`);
    assert.equal(result.inThread, PLACEHOLDERS);
    assert.equal(result.inWorker, PLACEHOLDERS);
    assert.equal(result.restored, 'Mail jane.doe@example.com, card 4111 1111 1111 1111');
    assert.ok(page.workers().length >= 1, `${name}: scrim/worker started no worker`);
    assert.ok(requests.filter((u) => u.endsWith('.wasm')).length >= 1, `${name}: no wasm request seen`);
    assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), [], `${name}: requests left the origin`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
}

test('Vite: the built app loads the wasm and protects a prompt in the page and in the worker', async () => {
  await check('vite', await buildWithVite());
});

test('webpack 5: the built app loads the wasm and protects a prompt in the page and in the worker', async () => {
  await check('webpack', await buildWithWebpack());
});
