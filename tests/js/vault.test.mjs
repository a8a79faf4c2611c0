// Encrypted vault exports in JS (WebCrypto), in the native format of src/vault/sealed.rs: what the
// CLI writes opens here and what this writes opens natively (tests/fail_closed.rs opens the js_*
// fixtures). `SCRIM_BLESS_VAULT=1 node --test tests/js/vault.test.mjs` writes the js_* fixtures anew.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { importScrim } from './install.mjs';

const fixtures = new URL('../data/vault/', import.meta.url).pathname;
const fixture = (name) => readFileSync(join(fixtures, name), 'utf8');
// tests/data/vault/README.md: the fixtures' key is the bytes 0..31, their passphrase this one.
const FIXTURE_KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const PASSPHRASE = 'correct horse battery staple';
const RULES_ONLY = { models: { toxicity: false, injection: false, ner: false } };
const PROMPT = 'mail jane.doe@example.com, call +44 20 7946 0958';
const RESTORED = 'jane.doe@example.com / +44 20 7946 0958';

const aesKey = (bytes, usages = ['encrypt', 'decrypt']) => crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, usages);
const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** A rejection of kind `vault` whose message matches `pattern`. */
const vaultError = (pattern) => (e) => {
  assert.equal(e.kind, 'vault', e.message);
  assert.match(e.message, pattern);
  return true;
};

let Scrim;
before(async () => {
  ({ Scrim } = await importScrim());
});

describe('encrypted vault fixtures (one format for JS and the CLI)', () => {
  if (process.env.SCRIM_BLESS_VAULT) {
    test('bless: write the js_* fixtures', async () => {
      const scrim = await Scrim.create(RULES_ONLY);
      scrim.protect(PROMPT);
      writeFileSync(join(fixtures, 'js_key.json'), await scrim.exportVault({ key: await aesKey(FIXTURE_KEY) }));
      writeFileSync(join(fixtures, 'js_passphrase.json'), await scrim.exportVault({ passphrase: PASSPHRASE }));
    });
  }

  for (const name of ['native_key.json', 'js_key.json']) {
    test(`${name} opens with its key`, async () => {
      const scrim = await Scrim.create(RULES_ONLY, { vault: fixture(name), key: await aesKey(FIXTURE_KEY) });
      assert.equal(scrim.restore('[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]'), RESTORED);
      assert.equal(scrim.protect('and bob@example.org').text, 'and [EMAIL_ADDRESS_2]', 'the conversation goes on from the vault');
    });
  }

  for (const name of ['native_passphrase.json', 'js_passphrase.json']) {
    test(`${name} opens with its passphrase, and not with another`, async () => {
      const scrim = await Scrim.create(RULES_ONLY, { vault: fixture(name), passphrase: PASSPHRASE });
      assert.equal(scrim.restore('[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]'), RESTORED);
      await assert.rejects(Scrim.create(RULES_ONLY, { vault: fixture(name), passphrase: 'Tr0ub4dor&3' }), vaultError(/wrong key \(or passphrase\)/));
    });
  }
});

describe('exportVault({ key }) / ({ passphrase })', () => {
  test('a key export holds no value in clear, opens with the key, and is fresh each time', async () => {
    const key = await newKey();
    const a = await Scrim.create(RULES_ONLY);
    a.protect(PROMPT);
    const sealed = await a.exportVault({ key });
    for (const clear of ['jane', 'example.com', '7946', 'EMAIL_ADDRESS']) assert.ok(!sealed.includes(clear), `"${clear}" in ${sealed}`);
    const parsed = JSON.parse(sealed);
    assert.equal(parsed.scrim_vault, 1);
    assert.equal(parsed.kdf, null);
    assert.notEqual(await a.exportVault({ key }), sealed, 'fresh IVs on every export');
    const b = await Scrim.create(RULES_ONLY, { vault: sealed, key });
    assert.equal(b.restore('[EMAIL_ADDRESS_1] / [PHONE_NUMBER_1]'), RESTORED);
    assert.equal(b.exportVault(), a.exportVault(), 'the same vault inside');
  });

  test('a passphrase export derives its key with PBKDF2 (600,000 iterations, a fresh salt each time)', async () => {
    const a = await Scrim.create(RULES_ONLY);
    a.protect(PROMPT);
    const [one, two] = [await a.exportVault({ passphrase: PASSPHRASE }), await a.exportVault({ passphrase: PASSPHRASE })];
    const kdf = JSON.parse(one).kdf;
    assert.equal(kdf.name, 'PBKDF2-SHA256');
    assert.equal(kdf.iterations, 600_000);
    assert.notEqual(kdf.salt, JSON.parse(two).kdf.salt);
    const b = await Scrim.create(RULES_ONLY);
    await b.importVault(two, { passphrase: PASSPHRASE });
    assert.equal(b.restore('[PHONE_NUMBER_1]'), '+44 20 7946 0958');
  });

  test('Scrim.open takes an encrypted vault too', async () => {
    const key = await newKey();
    const a = await Scrim.create(RULES_ONLY);
    a.protect(PROMPT);
    const b = await Scrim.open(RULES_ONLY, { vault: await a.exportVault({ key }), key }).ready;
    assert.equal(b.restore('[EMAIL_ADDRESS_1]'), 'jane.doe@example.com');
  });
});

describe('a vault that does not open changes nothing and says why', () => {
  let key;
  let sealed;
  before(async () => {
    key = await newKey();
    const a = await Scrim.create(RULES_ONLY);
    a.protect(PROMPT);
    sealed = await a.exportVault({ key });
  });

  /** A conversation with one placeholder of its own, to show a failed import leaves it as it was. */
  async function conversation() {
    const scrim = await Scrim.create(RULES_ONLY);
    scrim.protect('write to bob@example.org');
    return scrim;
  }

  async function assertUnchanged(scrim) {
    assert.equal(scrim.restore('[EMAIL_ADDRESS_1] [PHONE_NUMBER_1]'), 'bob@example.org [PHONE_NUMBER_1]');
    assert.equal(scrim.protect('and carol@example.org').text, 'and [EMAIL_ADDRESS_2]');
  }

  test('the wrong key', async () => {
    const scrim = await conversation();
    await assert.rejects(scrim.importVault(sealed, { key: await newKey() }), vaultError(/wrong key/));
    await assert.rejects(Scrim.create(RULES_ONLY, { vault: sealed, key: await newKey() }), vaultError(/wrong key/));
    await assertUnchanged(scrim);
  });

  test('cut short anywhere', async () => {
    const scrim = await conversation();
    for (const cut of [0, 1, 10, Math.floor(sealed.length / 2), sealed.length - 1]) {
      await assert.rejects(scrim.importVault(sealed.slice(0, cut), { key }), vaultError(/truncated or malformed/), `cut at ${cut}`);
    }
    // Valid JSON whose ciphertext lost its end (a tail cut off before it was stored).
    const v = JSON.parse(sealed);
    v.ciphertext = v.ciphertext.slice(0, 16);
    await assert.rejects(scrim.importVault(JSON.stringify(v), { key }), vaultError(/truncated or malformed: ciphertext is 12 bytes, shorter than its tag/));
    delete v.iv;
    await assert.rejects(scrim.importVault(JSON.stringify(v), { key }), vaultError(/truncated or malformed: missing field `iv`/));
    await assertUnchanged(scrim);
  });

  test('changed after it was written', async () => {
    const scrim = await conversation();
    const v = JSON.parse(sealed);
    const bytes = Uint8Array.from(atob(v.ciphertext), (c) => c.charCodeAt(0));
    bytes[3] ^= 1;
    const flipped = { ...v, ciphertext: btoa(String.fromCharCode(...bytes)) };
    await assert.rejects(scrim.importVault(JSON.stringify(flipped), { key }), vaultError(/changed after it was written/));
    const otherIv = { ...v, iv: btoa('\0'.repeat(12)) };
    await assert.rejects(scrim.importVault(JSON.stringify(otherIv), { key }), vaultError(/changed after it was written/));
    const extra = { ...v, note: 'x' };
    await assert.rejects(scrim.importVault(JSON.stringify(extra), { key }), vaultError(/unknown field `note`/));
    await assertUnchanged(scrim);
  });

  test('the other kind of secret, or none, or a plain vault where an encrypted one was expected', async () => {
    const scrim = await conversation();
    await assert.rejects(scrim.importVault(sealed, { passphrase: PASSPHRASE }), vaultError(/needs a key, not a passphrase/));
    assert.throws(() => scrim.importVault(sealed), vaultError(/encrypted/));
    await assert.rejects(Scrim.create(RULES_ONLY, { vault: sealed }), vaultError(/encrypted: pass its key or passphrase/));
    await assert.rejects(Scrim.create(RULES_ONLY, { vault: scrim.exportVault(), key }), vaultError(/plain export, not an encrypted one/));
    await assertUnchanged(scrim);
  });

  test('a key that is not an AES-GCM CryptoKey is a TypeError', async () => {
    const scrim = await conversation();
    assert.throws(() => scrim.exportVault({ key: FIXTURE_KEY }), (e) => e instanceof TypeError && e.kind === 'argument' && /AES-GCM CryptoKey/.test(e.message));
    const decryptOnly = await aesKey(FIXTURE_KEY, ['decrypt']);
    assert.throws(() => scrim.exportVault({ key: decryptOnly }), /usages do not include "encrypt"/);
    assert.throws(() => scrim.exportVault({ passphrase: '' }), TypeError);
    assert.throws(() => scrim.exportVault({ key, passphrase: PASSPHRASE }), /not both/);
  });
});
