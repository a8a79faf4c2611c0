// The public JS contract, exercised on the package as a user installs it (npm pack + npm install).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { importScrim } from './install.mjs';

let Scrim;
before(async () => {
  ({ Scrim } = await importScrim());
});

describe('protect / restore', () => {
  test('the README example: email and card become numbered placeholders, restore brings them back', async () => {
    const scrim = await Scrim.create();
    const input = 'Mail Jane at jane.doe@example.com, card 4111 1111 1111 1111';
    const out = scrim.protect(input);
    assert.match(out.text, /\[EMAIL_ADDRESS_1\]/);
    assert.match(out.text, /\[CREDIT_CARD_1\]/);
    assert.ok(!out.text.includes('jane.doe@example.com') && !out.text.includes('4111'));
    assert.equal(out.decision.action, 'redact');
    assert.ok(out.decision.reasons.some((r) => r.name === 'CREDIT_CARD' && r.action === 'redact'));
    for (const f of out.findings) {
      assert.equal(input.slice(f.start, f.end), f.text, `offsets of ${f.entity} are UTF-16 indices`);
      assert.ok(f.score >= 0 && f.score <= 1);
      assert.ok(f.source.name.length > 0);
    }
    assert.equal(scrim.restore('I emailed [EMAIL_ADDRESS_1] for you.'), 'I emailed jane.doe@example.com for you.');
  });

  test('the same value keeps its placeholder across calls (one conversation)', async () => {
    const scrim = await Scrim.create();
    const a = scrim.protect('write to bob@example.org');
    const b = scrim.protect('did bob@example.org answer? ask carol@example.org');
    assert.equal(a.text, 'write to [EMAIL_ADDRESS_1]');
    assert.equal(b.text, 'did [EMAIL_ADDRESS_1] answer? ask [EMAIL_ADDRESS_2]');
  });

  test('a placeholder split across streamed chunks is restored once, nothing lost', async () => {
    const scrim = await Scrim.create();
    scrim.protect('jane.doe@example.com');
    const r = scrim.createRestorer();
    const parts = [r.push('I emailed [EMAIL_AD'), r.push('DRESS_1] ok'), r.finish()];
    assert.equal(parts.join(''), 'I emailed jane.doe@example.com ok');
    assert.equal(parts[0], 'I emailed ');
  });

  test('scan changes nothing and mints nothing', async () => {
    const scrim = await Scrim.create();
    const res = scrim.scan('card 4111 1111 1111 1111');
    assert.equal(res.text, undefined);
    assert.equal(res.findings[0].entity, 'CREDIT_CARD');
    assert.equal(JSON.parse(scrim.exportVault()).entries.length, 0);
    assert.equal(scrim.restore('[CREDIT_CARD_1]'), '[CREDIT_CARD_1]');
  });
});

describe('scanning while typing', () => {
  test('scanDraft on every keystroke of an email typed into the second paragraph equals a rules-only scan', async () => {
    const scrim = await Scrim.create();
    const rulesOnly = await Scrim.create({ models: { toxicity: false, injection: false, ner: false } });
    const head = '😀 Hi team,\n\ncall +44 20 7946 0958 ';
    const tail = ' today.\n\n中文 card 4111 1111 1111 1111';
    const typed = 'mail jane.doe@example.com';
    let res;
    for (let i = 0; i <= typed.length; i++) {
      const text = head + typed.slice(0, i) + tail;
      res = scrim.scanDraft(text);
      const full = rulesOnly.scan(text);
      assert.deepEqual(res.findings, full.findings, `after typing ${JSON.stringify(typed.slice(0, i))}`);
      assert.deepEqual(res.decision, full.decision);
      for (const f of res.findings) assert.equal(text.slice(f.start, f.end), f.text, 'UTF-16 offsets');
    }
    assert.deepEqual(res.findings.map((f) => f.entity), ['PHONE_NUMBER', 'EMAIL_ADDRESS', 'CREDIT_CARD']);
    assert.deepEqual(Object.keys(res.scores), ['prompt_injection'], "a draft scan runs no classifier: its one score is the injection heuristics'");
    assert.deepEqual(res.provenance.models, []);
    assert.throws(() => scrim.scanDraft(42), TypeError);
  });
});

describe('offsets are UTF-16 code units', () => {
  test('emoji, CJK and combining marks before a finding', async () => {
    const scrim = await Scrim.create();
    const input = '😀👍🏽 中文 café\u0301 mail: jane@example.com and 😀 4111-1111-1111-1111';
    const res = scrim.scan(input);
    const byEntity = Object.fromEntries(res.findings.map((f) => [f.entity, f]));
    assert.equal(input.slice(byEntity.EMAIL_ADDRESS.start, byEntity.EMAIL_ADDRESS.end), 'jane@example.com');
    assert.equal(input.slice(byEntity.CREDIT_CARD.start, byEntity.CREDIT_CARD.end), '4111-1111-1111-1111');
  });

  test('fullwidth digits and zero-width splits are found and map back to what was typed', async () => {
    const scrim = await Scrim.create();
    const input = 'card ４１１１ １１１１ １１１１ １１１１ and jane@exa\u200Bmple.com';
    const res = scrim.protect(input);
    const card = res.findings.find((f) => f.entity === 'CREDIT_CARD');
    assert.equal(input.slice(card.start, card.end), '４１１１ １１１１ １１１１ １１１１');
    assert.ok(!res.text.includes('１１１１'));
    assert.ok(!res.text.includes('exa'), res.text);
  });
});

describe('policy', () => {
  test('overrides merge with the defaults and change the operator', async () => {
    const scrim = await Scrim.create({ entities: { CREDIT_CARD: { operator: 'mask' } } });
    assert.equal(scrim.protect('card 4111 1111 1111 1111').text, 'card **** **** **** 1111');
    assert.equal(scrim.policy.entities.IP_ADDRESS.action, 'warn', 'defaults kept');
  });

  test('the effective policy reads back with its numbers as written and builds the same engine', async () => {
    const scrim = await Scrim.create({ entities: { PERSON: { min_score: 0.85 } }, scores: { toxicity: { warn: 0.3, block: 0.9 } } });
    const policy = scrim.policy;
    assert.equal(policy.entities.PERSON.min_score, 0.85, 'not 0.8500000238418579');
    assert.deepEqual(policy.scores.toxicity, { warn: 0.3, block: 0.9 });
    const again = await Scrim.create(JSON.parse(JSON.stringify(policy)));
    assert.equal(again.provenance.policy, scrim.provenance.policy);
  });

  test('an invalid policy is an Error naming the field', async () => {
    await assert.rejects(Scrim.create({ entities: { EMAIL_ADDRESS: { action: 'redakt' } } }), (e) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, /entities\.EMAIL_ADDRESS\.action/);
      return true;
    });
    await assert.rejects(Scrim.create({ entities: { EMAIL: {} } }), /unknown entity "EMAIL"/);
  });

  test('custom patterns, allow and deny lists', async () => {
    const scrim = await Scrim.create({
      custom: [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-[0-9]{6}' }],
      allow: ['help@acme.example'],
      deny: [{ entity: 'PROJECT', values: ['Project Zeus'] }],
    });
    const out = scrim.protect('EMP-123456 on project zeus wrote to help@acme.example');
    assert.equal(out.text, '[EMPLOYEE_ID_1] on [PROJECT_1] wrote to help@acme.example');
  });

  test('block: the decision says so with a reason', async () => {
    const scrim = await Scrim.create({ entities: { US_SSN: { action: 'block' } } });
    const out = scrim.protect('my ssn is 536-22-1234');
    assert.equal(out.decision.action, 'block');
    assert.ok(!out.text.includes('536-22-1234'));
    assert.match(out.decision.reasons[0].message, /US_SSN/);
  });
});

describe('errors and provenance', () => {
  test('wrong argument types are TypeErrors, and the instance keeps working', async () => {
    const scrim = await Scrim.create();
    assert.throws(() => scrim.protect(42), TypeError);
    assert.throws(() => scrim.importVault('{"version": 9, "entries": []}'), /vault.version/);
    assert.equal(scrim.protect('x@example.com').text, '[EMAIL_ADDRESS_1]');
  });

  test('over the input limit is an Error, not a truncation', async () => {
    const scrim = await Scrim.create({ limits: { max_input_bytes: 100 } });
    assert.throws(() => scrim.protect('a'.repeat(101)), /limit is 100/);
  });

  test('provenance names the version and a policy id that changes with the policy', async () => {
    const a = await Scrim.create();
    const b = await Scrim.create({ allow: ['x'] });
    const res = a.scan('hello');
    assert.match(res.provenance.scrim, /^\d+\.\d+\.\d+/);
    assert.match(res.provenance.policy, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(a.provenance.policy, b.provenance.policy);
  });

  test('vault export/import keeps a conversation across a reload', async () => {
    const a = await Scrim.create();
    a.protect('call +44 20 7946 0958');
    const b = await Scrim.create(null, { vault: a.exportVault() });
    assert.equal(b.restore('I called [PHONE_NUMBER_1].'), 'I called +44 20 7946 0958.');
  });
});

describe('fail closed', () => {
  test('open(): before it is ready, protect throws — or blocks with failClosed', async () => {
    const plain = Scrim.open();
    const strict = Scrim.open(null, { failClosed: true });
    // Node loads synchronously inside a microtask: nothing has run yet.
    assert.throws(() => plain.protect('jane@example.com'), /not ready/);
    const early = strict.protect('jane@example.com');
    assert.equal(early.decision.action, 'block');
    assert.equal(early.text, null);
    await strict.ready;
    assert.equal(strict.protect('jane@example.com').text, '[EMAIL_ADDRESS_1]');
    await plain.ready;
  });

  test('failClosed turns an engine error into a block decision instead of a throw', async () => {
    const scrim = await Scrim.create({ limits: { max_input_bytes: 10 } }, { failClosed: true });
    const out = scrim.protect('this is longer than ten bytes');
    assert.equal(out.decision.action, 'block');
    assert.match(out.decision.reasons[0].message, /not screened/);
    assert.equal(scrim.protect('ok').decision.action, 'allow', 'the instance still works');
  });

  test('open() with an invalid policy rejects ready with the field named', async () => {
    const scrim = Scrim.open({ entities: { EMAIL_ADDRESS: { action: 'nope' } } });
    await assert.rejects(scrim.ready, /entities\.EMAIL_ADDRESS\.action/);
  });
});

describe('audit trail', () => {
  test('records decisions, policy and counts but never a value of a PII-heavy prompt', async () => {
    const scrim = await Scrim.create(null, { audit: true });
    const prompt = 'I am jane.doe@example.com, card 4111 1111 1111 1111, ssn 536-22-1234, phone +44 20 7946 0958, IBAN GB82 WEST 1234 5698 7654 32';
    const out = scrim.protect(prompt);
    scrim.protect('nothing to see');
    const trail = scrim.exportAudit();
    const lines = trail.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].decision, 'redact');
    assert.equal(lines[0].policy, scrim.provenance.policy);
    assert.ok(lines[0].entities.CREDIT_CARD >= 1 && lines[0].entities.EMAIL_ADDRESS >= 1);
    assert.ok(lines[1].prev.length === 64, 'records are hash-chained');
    assert.ok(out.findings.length >= 5);
    for (const f of out.findings) {
      assert.ok(!trail.includes(f.text), `${f.entity} value leaked into the audit trail`);
      assert.ok(!trail.includes(f.replacement), `${f.entity} placeholder leaked into the audit trail`);
    }
    assert.ok(!trail.includes('jane'));
  });
});
