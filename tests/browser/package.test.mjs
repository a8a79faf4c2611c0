// The npm package's browser entry in a real Chromium page. Encrypted vault exports with WebCrypto as
// browsers ship it: a round trip under a key and under a passphrase, the fixtures of
// tests/data/vault/ (native and Node-made) opening, and a wrong key, a cut or a changed export
// failing, saying which. Then the cases of tests/js/lossless-cases.mjs, which Node runs too.
//
//   node --test tests/browser/package.test.mjs     (needs pkg/ from `npm run build`)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { launch } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
let browser;
let server;
let page;

before(async () => {
  if (!existsSync(join(root, 'pkg', 'index.js'))) throw new Error('pkg/ is not built: run `npm run build` first');
  let url;
  ({ server, url } = await serve(root));
  browser = await launch();
  page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}tests/browser/fixtures/package.html`);
  await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 60_000 }).catch((e) => {
    throw new Error(`the package did not load: ${errors.join('; ') || e.message}`);
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const RULES_ONLY = { models: { toxicity: false, injection: false, ner: false } };

test('round trip under a CryptoKey and under a passphrase; no value in the export', async () => {
  const got = await page.evaluate(async (policy) => {
    const a = await window.Scrim.create(policy);
    a.protect('mail jane.doe@example.com, call +44 20 7946 0958');
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const sealed = await a.exportVault({ key });
    const b = await window.Scrim.create(policy, { vault: sealed, key });
    const byPassphrase = await a.exportVault({ passphrase: 'correct horse battery staple' });
    const c = await window.Scrim.create(policy);
    await c.importVault(byPassphrase, { passphrase: 'correct horse battery staple' });
    return {
      sealed,
      iterations: JSON.parse(byPassphrase).kdf.iterations,
      byKey: b.restore('[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]'),
      byPassphrase: c.restore('[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]'),
      next: b.protect('and bob@example.org').text,
    };
  }, RULES_ONLY);
  for (const clear of ['jane', 'example.com', '7946']) assert.ok(!got.sealed.includes(clear), got.sealed);
  assert.equal(got.iterations, 600_000);
  assert.equal(got.byKey, 'jane.doe@example.com / +44 20 7946 0958');
  assert.equal(got.byPassphrase, 'jane.doe@example.com / +44 20 7946 0958');
  assert.equal(got.next, 'and [EMAIL_ADDRESS_2]');
});

test('the fixtures written natively and by Node open in the browser', async () => {
  const got = await page.evaluate(async (policy) => {
    const fixture = (name) => fetch(`/tests/data/vault/${name}`).then((r) => r.text());
    const raw = Uint8Array.from({ length: 32 }, (_, i) => i);
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    const out = {};
    for (const name of ['native_key.json', 'js_key.json']) {
      out[name] = (await window.Scrim.create(policy, { vault: await fixture(name), key })).restore('[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]');
    }
    for (const name of ['native_passphrase.json', 'js_passphrase.json']) {
      out[name] = (await window.Scrim.create(policy, { vault: await fixture(name), passphrase: 'correct horse battery staple' })).restore('[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]');
    }
    return out;
  }, RULES_ONLY);
  for (const name of ['native_key.json', 'js_key.json', 'native_passphrase.json', 'js_passphrase.json']) {
    assert.equal(got[name], 'jane.doe@example.com / +44 20 7946 0958', name);
  }
});

test('a wrong key, a cut and a changed export are refused, saying which, and import nothing', async () => {
  const got = await page.evaluate(async (policy) => {
    const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const a = await window.Scrim.create(policy);
    a.protect('mail jane.doe@example.com');
    const key = await newKey();
    const sealed = await a.exportVault({ key });
    const v = JSON.parse(sealed);
    const bytes = Uint8Array.from(atob(v.ciphertext), (c) => c.charCodeAt(0));
    bytes[0] ^= 0x80;
    const changed = JSON.stringify({ ...v, ciphertext: btoa(String.fromCharCode(...bytes)) });
    const target = await window.Scrim.create(policy);
    target.protect('write to bob@example.org');
    const failure = (p) => p.then(() => 'imported', (e) => `${e.kind}: ${e.message}`);
    return {
      wrongKey: await failure(target.importVault(sealed, { key: await newKey() })),
      cut: await failure(target.importVault(sealed.slice(0, sealed.length - 10), { key })),
      changed: await failure(target.importVault(changed, { key })),
      after: target.restore('[EMAIL_ADDRESS_1]'),
    };
  }, RULES_ONLY);
  assert.match(got.wrongKey, /^vault: encrypted vault: wrong key/);
  assert.match(got.cut, /^vault: encrypted vault: truncated or malformed/);
  assert.match(got.changed, /^vault: encrypted vault: the export was changed after it was written/);
  assert.equal(got.after, 'bob@example.org', 'the conversation\'s own vault is untouched');
});

test('the lossless cases of tests/js/lossless-cases.mjs hold in the browser too', async () => {
  const results = await page.evaluate(async () => {
    const { cases } = await import('/tests/js/lossless-cases.mjs');
    const out = [];
    for (const c of cases) {
      try {
        await c.run(window.Scrim);
        out.push([c.name, 'ok']);
      } catch (e) {
        out.push([c.name, e.message]);
      }
    }
    return out;
  });
  assert.equal(results.length, 4);
  for (const [name, result] of results) assert.equal(result, 'ok', name);
});
