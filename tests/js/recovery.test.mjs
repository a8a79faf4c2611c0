// Nothing leaks, nothing is lost: a crash of the engine does not change the conversation, errors
// say what they are (`error.kind`), and failClosed blocks with a result of the declared shape.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { importScrim, installedProject } from './install.mjs';

/** The test-only protect option that makes the engine trap (a Rust panic) half-way through a protect. */
const TRAP = Symbol.for('scrim.test.trap');
const RULES_ONLY = { models: { toxicity: false, injection: false, ner: false } };
const crashed = (e) => {
  assert.equal(e.kind, 'crashed', e.message);
  assert.match(e.message, /scrim engine crashed: .*scrim test trap/s);
  return true;
};

let Scrim;
before(async () => {
  ({ Scrim } = await importScrim());
});

describe('crash recovery', () => {
  test('after a trap, the same input gives the same placeholders and hashes, restore works and the audit trail goes on', async () => {
    const scrim = await Scrim.create({ ...RULES_ONLY, entities: { PHONE_NUMBER: { operator: 'hash' } } }, { audit: true });
    const prompt = 'mail jane.doe@example.com, call +44 20 7946 0958';
    const first = scrim.protect(prompt);
    assert.match(first.text, /^mail \[EMAIL_ADDRESS_1\], call /);
    assert.ok(!first.text.includes('7946'), first.text);

    // The trap comes after the crashed call minted [EMAIL_ADDRESS_2] and wrote an audit record.
    assert.throws(() => scrim.protect('and bob@example.org', { [TRAP]: true }), crashed);

    assert.equal(scrim.protect(prompt).text, first.text, 'the same placeholder, and the same keyed hash of the phone number');
    assert.equal(scrim.protect('and carol@example.org').text, 'and [EMAIL_ADDRESS_2]', 'what the crashed call minted is gone');
    assert.equal(scrim.restore('[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_2]'), 'jane.doe@example.com carol@example.org');

    const lines = scrim.exportAudit().trim().split('\n');
    const records = lines.map((l) => JSON.parse(l));
    assert.deepEqual(records.map((r) => r.seq), [1, 2, 3], 'the record before the crash is kept, the crashed call left none');
    for (let i = 1; i < lines.length; i++) {
      assert.equal(records[i].prev, createHash('sha256').update(lines[i - 1]).digest('hex'), `record ${i + 1} chains to the one before`);
    }
  });

  test('a stream being restored when the engine crashed loses nothing', async () => {
    const scrim = await Scrim.create(RULES_ONLY);
    scrim.protect('jane.doe@example.com');
    const r = scrim.createRestorer();
    const parts = [r.push('I emailed [EMAIL_AD')];
    assert.throws(() => scrim.protect('x', { [TRAP]: true }), crashed);
    parts.push(r.push('DRESS_1] ok'), r.finish());
    assert.equal(parts.join(''), 'I emailed jane.doe@example.com ok');
  });

  test('a crash in one conversation leaves the others as they were', async () => {
    const a = await Scrim.create(RULES_ONLY);
    const b = await Scrim.create(RULES_ONLY, { audit: true });
    b.protect('write to bob@example.org');
    assert.throws(() => a.protect('x', { [TRAP]: true }), crashed);
    assert.equal(b.restore('[EMAIL_ADDRESS_1]'), 'bob@example.org');
    assert.equal(b.protect('and carol@example.org, bob@example.org').text, 'and [EMAIL_ADDRESS_2], [EMAIL_ADDRESS_1]');
    assert.equal(b.exportAudit().trim().split('\n').length, 2);
    assert.equal(a.protect('x@example.com').text, '[EMAIL_ADDRESS_1]');
  });

  test('with failClosed a crash blocks that prompt, and the next one is screened', async () => {
    const scrim = await Scrim.create(RULES_ONLY, { failClosed: true });
    const out = scrim.protect('jane.doe@example.com', { [TRAP]: true });
    assert.equal(out.decision.action, 'block');
    assert.equal(out.text, null);
    assert.equal(out.decision.reasons[0].name, 'crashed');
    assert.equal(scrim.protect('jane.doe@example.com').text, '[EMAIL_ADDRESS_1]');
  });

  test('the trap is reachable only through its Symbol.for key', async () => {
    const scrim = await Scrim.create(RULES_ONLY);
    for (const options of [{ trap: true }, { 'scrim.test.trap': true }, { [Symbol('scrim.test.trap')]: true }, { [TRAP]: 1 }]) {
      assert.equal(scrim.protect('jane.doe@example.com', options).text, '[EMAIL_ADDRESS_1]');
    }
  });
});

describe('errors carry a kind', () => {
  test('policy, vault, limit, argument and not-ready errors say which they are', async () => {
    await assert.rejects(Scrim.create({ entities: { EMAIL_ADDRESS: { action: 'redakt' } } }), (e) => e.kind === 'policy' && /entities\.EMAIL_ADDRESS\.action/.test(e.message));
    await assert.rejects(Scrim.create({ custom: [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-(' }] }), (e) => e.kind === 'policy');
    const scrim = await Scrim.create({ ...RULES_ONLY, limits: { max_input_bytes: 100 } });
    assert.throws(() => scrim.importVault('{"version": 9, "entries": []}'), (e) => e.kind === 'vault' && /vault\.version/.test(e.message));
    assert.throws(() => scrim.protect('a'.repeat(101)), (e) => {
      assert.equal(e.kind, 'limit');
      assert.match(e.message, /input is 101 bytes; the limit is 100 .*nothing was screened/);
      return true;
    });
    assert.throws(() => scrim.scan('a'.repeat(101)), (e) => e.kind === 'limit');
    assert.throws(() => scrim.protect(42), (e) => e instanceof TypeError && e.kind === 'argument');
    assert.throws(() => Scrim.open(RULES_ONLY).protect('x'), (e) => e.kind === 'not-ready');
  });
});

describe('the failClosed result has the declared shape', () => {
  // ReasonKind as declared in the package's types (generated from the Rust enum).
  const reasonKinds = () => {
    const types = readFileSync(join(installedProject(), 'node_modules', 'scrim', 'types.d.ts'), 'utf8');
    return [...types.match(/export type ReasonKind = ([^;]+);/)[1].matchAll(/"([a-z]+)"/g)].map((m) => m[1]);
  };

  function assertBlocked(out, name, provenance) {
    assert.equal(out.text, null);
    assert.deepEqual(out.findings, []);
    assert.deepEqual(out.scores, {});
    assert.equal(out.decision.action, 'block');
    assert.equal(out.decision.reasons.length, 1);
    const [reason] = out.decision.reasons;
    assert.ok(reasonKinds().includes(reason.kind), `reason kind "${reason.kind}" is a declared ReasonKind`);
    assert.deepEqual({ ...reason, message: undefined }, { action: 'block', kind: 'error', name, count: 1, score: 1, message: undefined });
    assert.match(reason.message, /^not screened, so not sent: /);
    assert.deepEqual(out.provenance, provenance);
  }

  test('an input over the limit is blocked, saying so, with the engine\'s provenance', async () => {
    const scrim = await Scrim.create({ ...RULES_ONLY, limits: { max_input_bytes: 10 } }, { failClosed: true });
    const out = scrim.protect('this is longer than ten bytes');
    assertBlocked(out, 'limit', scrim.provenance);
    assert.match(out.decision.reasons[0].message, /the limit is 10/);
    assert.equal(scrim.protect('ok').decision.action, 'allow', 'the instance still works');
  });

  test('before the engine is ready there is no provenance yet: null, as the type says', async () => {
    const scrim = Scrim.open(RULES_ONLY, { failClosed: true });
    assertBlocked(scrim.protect('jane.doe@example.com'), 'not-ready', null);
    await scrim.ready;
  });
});
