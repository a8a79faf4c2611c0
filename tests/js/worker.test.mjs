// `scrim/worker` in Node (its fallback: the engine in this thread), on the package as a user
// installs it: the API of `scrim` with every call a promise, and the same answers.
//   node --test tests/js/worker.test.mjs       (needs pkg/: `npm run build`)
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { importFromProject, importScrim } from './install.mjs';

let Scrim;
let InThread;
before(async () => {
  ({ Scrim } = await importFromProject('scrim/worker'));
  ({ Scrim: InThread } = await importScrim());
});

const PROMPT = 'Hi, I am Jane Doe. Mail jane.doe@example.com, card 4111 1111 1111 1111 😀';

describe('scrim/worker in Node', () => {
  test('protect, scan and restore answer what the in-thread engine answers', async () => {
    const scrim = await Scrim.create();
    const same = await InThread.create();
    const pending = scrim.protect(PROMPT);
    assert.ok(pending instanceof Promise, 'protect returns a promise');
    const out = await pending;
    assert.deepEqual(out, same.protect(PROMPT));
    assert.match(out.text, /\[EMAIL_ADDRESS_1\].*\[CREDIT_CARD_1\]/);
    for (const f of out.findings) assert.equal(PROMPT.slice(f.start, f.end), f.text, 'UTF-16 offsets');
    assert.deepEqual(await scrim.scan(PROMPT), same.scan(PROMPT));
    assert.equal(await scrim.restore('Sent to [EMAIL_ADDRESS_1].'), 'Sent to jane.doe@example.com.');
    assert.deepEqual(await scrim.policy, same.policy);
    assert.equal((await scrim.provenance).policy, same.provenance.policy);
  });

  test('a placeholder split across streamed chunks is held back, then restored once', async () => {
    const scrim = await Scrim.create();
    await scrim.protect('jane.doe@example.com');
    const r = scrim.createRestorer();
    // Not awaited one by one: the answers still come in push order.
    const parts = await Promise.all([r.push('I emailed [EMAIL_AD'), r.push('DRESS_1] ok'), r.finish()]);
    assert.deepEqual(parts, ['I emailed ', 'jane.doe@example.com ok', '']);
    await assert.rejects(r.push('more'), /restorer is finished/);
  });

  test('a vault exported from one instance continues the conversation in another', async () => {
    const a = await Scrim.create();
    await a.protect('call +44 20 7946 0958');
    const b = await Scrim.create(null, { vault: await a.exportVault() });
    assert.equal(await b.restore('I called [PHONE_NUMBER_1].'), 'I called +44 20 7946 0958.');
    const c = await Scrim.create();
    await c.importVault(await a.exportVault());
    assert.equal((await c.protect('+44 20 7946 0958 again')).text, '[PHONE_NUMBER_1] again');
  });

  test('errors: wrong types are TypeErrors, invalid policies name the field, the instance keeps working', async () => {
    const scrim = await Scrim.create();
    await assert.rejects(scrim.protect(42), TypeError);
    await assert.rejects(scrim.importVault('{"version": 9, "entries": []}'), /vault.version/);
    assert.equal((await scrim.protect('x@example.com')).text, '[EMAIL_ADDRESS_1]');
    await assert.rejects(Scrim.create({ entities: { EMAIL_ADDRESS: { action: 'redakt' } } }), /entities\.EMAIL_ADDRESS\.action/);
    assert.match(await scrim.checkPolicy({ entities: { EMAIL: {} } }), /unknown entity "EMAIL"/);
    assert.equal(await Scrim.checkPolicy({ default: { operator: 'mask' } }), undefined);
  });

  test('open(): calls made before it is ready wait for the engine instead of failing', async () => {
    const scrim = Scrim.open();
    const early = scrim.protect('jane@example.com');
    assert.equal((await early).text, '[EMAIL_ADDRESS_1]');
    assert.equal(await scrim.ready, scrim);
    const bad = Scrim.open({ entities: { EMAIL_ADDRESS: { action: 'nope' } } });
    await assert.rejects(bad.ready, /entities\.EMAIL_ADDRESS\.action/);
    await assert.rejects(bad.protect('jane@example.com'), /could not be created.*entities\.EMAIL_ADDRESS\.action/);
  });

  test('failClosed: an engine that cannot be built or cannot screen gives a block decision, not a throw', async () => {
    const broken = Scrim.open({ entities: { EMAIL_ADDRESS: { action: 'nope' } } }, { failClosed: true });
    const out = await broken.protect('jane@example.com');
    assert.equal(out.decision.action, 'block');
    assert.equal(out.text, null);
    assert.match(out.decision.reasons[0].message, /not screened/);
    const small = await Scrim.create({ limits: { max_input_bytes: 10 } }, { failClosed: true });
    assert.equal((await small.protect('this is longer than ten bytes')).decision.action, 'block');
  });

  test('free(): later calls reject and say why', async () => {
    const scrim = await Scrim.create();
    scrim.free();
    await assert.rejects(scrim.protect('x@example.com'), /freed/);
  });
});
