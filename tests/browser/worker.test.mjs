// `scrim/worker` in Debian's Chromium: the package's browser files served on loopback, imported by
// a plain page. What a page author would notice: the engine runs in a module Worker the package
// starts itself (the page's own thread never compiles or instantiates wasm), results equal the
// in-thread engine's, a streamed reply is restored in order, and no request leaves the origin.
//
//   node --test tests/browser/worker.test.mjs     (needs pkg/: `npm run build`)
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { launch } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
const PROMPT = 'Hi, I am Jane Doe. Mail jane.doe@example.com, card 4111 1111 1111 1111 😀';

let browser;
let server;
let origin;
let page;
const requests = [];
const errors = [];

before(async () => {
  if (!existsSync(join(root, 'pkg', 'worker.js'))) throw new Error('pkg/ is not built (or predates scrim/worker): run `npm run build` first');
  const site = mkdtempSync(join(tmpdir(), 'scrim-worker-page-'));
  cpSync(join(root, 'pkg'), join(site, 'scrim'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><meta charset="utf-8"><title>scrim/worker</title><p>page</p>\n');
  let url;
  ({ server, url } = await serve(site));
  origin = new URL(url).origin;
  browser = await launch();
  const context = await browser.newContext();
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // Count every way the page's thread could compile or instantiate a wasm module.
  await page.addInitScript(() => {
    window.wasmCalls = [];
    for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        window.wasmCalls.push(name);
        return original.apply(this, args);
      };
    }
    const OriginalModule = WebAssembly.Module;
    WebAssembly.Module = function (...args) {
      window.wasmCalls.push('Module');
      return new OriginalModule(...args);
    };
  });
  await page.goto(url);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the engine runs in a module Worker: the page thread never instantiates wasm', async () => {
  const out = await page.evaluate(async (prompt) => {
    const { Scrim } = await import('/scrim/worker.js');
    const scrim = await Scrim.create();
    const result = await scrim.protect(prompt);
    const restored = await scrim.restore('Sent to [EMAIL_ADDRESS_1], charged [CREDIT_CARD_1].');
    return { result, restored, wasmCalls: window.wasmCalls };
  }, PROMPT);
  assert.match(out.result.text, /^Hi, I am \[PERSON_1\]\. Mail \[EMAIL_ADDRESS_1\], card \[CREDIT_CARD_1\] 😀$/);
  for (const f of out.result.findings) assert.equal(PROMPT.slice(f.start, f.end), f.text, 'UTF-16 offsets');
  assert.equal(out.restored, 'Sent to jane.doe@example.com, charged 4111 1111 1111 1111.');
  assert.deepEqual(out.wasmCalls, [], 'the page thread compiled or instantiated wasm');
  assert.ok(page.workers().some((w) => w.url().endsWith('/scrim/worker-thread.js')), `no worker-thread.js among ${page.workers().map((w) => w.url())}`);
  assert.ok(requests.some((u) => u.endsWith('/scrim/scrim_wasm_bg.wasm')), 'the worker did not fetch the wasm');
});

test('the same answers as the in-thread engine, and a streamed reply restored in order', async () => {
  const out = await page.evaluate(async (prompt) => {
    const { Scrim } = await import('/scrim/worker.js');
    const { Scrim: InThread } = await import('/scrim/index.js');
    const [remote, local] = await Promise.all([Scrim.create(), InThread.create()]);
    const same = JSON.stringify(await remote.protect(prompt)) === JSON.stringify(local.protect(prompt));
    const r = remote.createRestorer();
    const parts = await Promise.all(['I mailed [EMAIL_AD', 'DRESS_1] and [PERS', 'ON_1].'].map((c) => r.push(c)));
    parts.push(await r.finish());
    remote.free();
    const afterFree = await remote.protect('x').then(() => 'answered', (e) => e.message);
    return { same, parts, afterFree };
  }, PROMPT);
  assert.ok(out.same, 'scrim/worker and scrim answered differently');
  assert.deepEqual(out.parts, ['I mailed ', 'jane.doe@example.com and ', 'Jane Doe.', '']);
  assert.match(out.afterFree, /freed/);
});

test('a worker script that cannot load is a clear error, and failClosed blocks instead', async () => {
  const out = await page.evaluate(async () => {
    const { Scrim } = await import('/scrim/worker.js');
    const failed = await Scrim.create(null, { worker: '/missing/worker-thread.js' }).then(() => 'created', (e) => e.message);
    const strict = Scrim.open(null, { worker: '/missing/worker-thread.js', failClosed: true });
    const blocked = await strict.protect('jane@example.com');
    return { failed, blocked };
  });
  assert.match(out.failed, /engine's worker failed/);
  assert.equal(out.blocked.decision.action, 'block');
  assert.equal(out.blocked.text, null);
});

test('no request left the page origin, and nothing was logged as an error', () => {
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), []);
  // The two loads of /missing/ are 404s, logged by Chromium; nothing else may be.
  assert.deepEqual(errors.filter((e) => !/404|Failed to load resource/.test(e)), []);
});
