// Failures users reported of other guards, proven absent through the JS API. Plain ES module with
// no Node imports: tests/js/lossless.test.mjs runs these cases in Node, tests/browser/package.test.mjs
// in a Chromium page, each against the npm package's `Scrim`. (tests/fail_closed.rs has the native
// versions.)

const RULES_ONLY = { models: { toxicity: false, injection: false, ner: false } };

function equal(got, want, what) {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`${what}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
  }
}

export const cases = [
  {
    // LiteLLM #42130: overlapping findings replaced one inside the other made a token that
    // restored to nothing.
    name: 'overlapping findings never splice two placeholders into one',
    async run(Scrim) {
      const scrim = await Scrim.create({
        ...RULES_ONLY,
        entities: { URL: { action: 'redact' } },
        deny: [{ entity: 'PERSON', values: ['jane', 'Jane Doe'] }],
        custom: [{ entity: 'EMPLOYEE_ID', pattern: 'doe@exa', score: 0.9 }],
      });
      for (const text of [
        'write to jane.doe@example.com or jane',
        'see https://example.com/users/jane.doe@example.com/profile now',
        'Jane Doe <jane.doe@example.com>, card 4111 1111 1111 1111+44 20 7946 0958',
      ]) {
        const out = scrim.protect(text);
        equal(out.text.split('[').length, out.text.split(']').length, `brackets balance in ${out.text}`);
        equal(out.text.includes('[['), false, `no nested placeholder in ${out.text}`);
        for (const f of out.findings) equal(text.slice(f.start, f.end), f.text, `UTF-16 offsets of ${f.entity} in ${text}`);
        const replaced = out.findings.filter((f) => f.replacement !== undefined);
        for (let i = 1; i < replaced.length; i++) {
          equal(replaced[i].start >= replaced[i - 1].end, true, `replaced findings do not overlap in ${text}`);
        }
        equal(scrim.restore(out.text), text, `restore of ${out.text}`);
      }
    },
  },
  {
    // LLM Guard #82: several protects before a restore left the vault inconsistent.
    name: 'several protect calls before a restore keep the vault consistent',
    async run(Scrim) {
      const scrim = await Scrim.create(RULES_ONLY);
      equal(scrim.protect('mail a@example.com and b@example.com').text, 'mail [EMAIL_ADDRESS_1] and [EMAIL_ADDRESS_2]', 'turn 1');
      equal(scrim.protect('now c@example.com, and a@example.com again').text, 'now [EMAIL_ADDRESS_3], and [EMAIL_ADDRESS_1] again', 'turn 2');
      equal(scrim.protect('call +44 20 7946 0958 or mail b@example.com').text, 'call [PHONE_NUMBER_1] or mail [EMAIL_ADDRESS_2]', 'turn 3');
      const reply = '[EMAIL_ADDRESS_3] wrote to [EMAIL_ADDRESS_1]; [EMAIL_ADDRESS_2] called [PHONE_NUMBER_1].';
      equal(scrim.restore(reply), 'c@example.com wrote to a@example.com; b@example.com called +44 20 7946 0958.', 'restore');
      const streamed = scrim.createRestorer();
      const parts = [...reply].map((c) => streamed.push(c)).join('') + streamed.finish();
      equal(parts, scrim.restore(reply), 'streamed one character at a time');
      const resumed = await Scrim.create(RULES_ONLY, { vault: scrim.exportVault() });
      equal(resumed.protect('d@example.com and c@example.com').text, '[EMAIL_ADDRESS_4] and [EMAIL_ADDRESS_3]', 'an exported vault goes on numbering');
    },
  },
  {
    // Presidio #1925: of several space-separated e-mail addresses only the first was anonymized.
    name: 'every one of several values of a type in a row is replaced',
    async run(Scrim) {
      const scrim = await Scrim.create(RULES_ONLY);
      for (const [text, want] of [
        ['a@x.com b@y.com c@z.com', '[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_2] [EMAIL_ADDRESS_3]'],
        ['a@x.com,b@y.com;c@z.com', '[EMAIL_ADDRESS_1],[EMAIL_ADDRESS_2];[EMAIL_ADDRESS_3]'],
        ['- 536-22-1234\n- 536-22-1235\n- 536-22-1236', '- [US_SSN_1]\n- [US_SSN_2]\n- [US_SSN_3]'],
        ['| email |\n|---|\n| d@x.com |\n| e@y.com |', '| email |\n|---|\n| [EMAIL_ADDRESS_4] |\n| [EMAIL_ADDRESS_5] |'],
      ]) {
        equal(scrim.protect(text).text, want, JSON.stringify(text));
      }
    },
  },
  {
    // LiteLLM #24160: offsets computed in one unit and applied in another misplaced replacements
    // after an emoji. JS offsets are UTF-16 code units: String.prototype.slice cuts the value out.
    name: 'UTF-16 offsets are right around emoji, ZWJ sequences, CJK and combining marks',
    async run(Scrim) {
      const scrim = await Scrim.create(RULES_ONLY);
      const text = '👩‍👩‍👧 José\u0301 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 写信给 jane.doe@example.com 🎉 or call +44 20 7946 0958 é\u0302';
      const scanned = scrim.scan(text);
      equal(scanned.findings.map((f) => [f.entity, text.slice(f.start, f.end)]), [['EMAIL_ADDRESS', 'jane.doe@example.com'], ['PHONE_NUMBER', '+44 20 7946 0958']], 'scan offsets');
      const out = scrim.protect(text);
      equal(out.findings.map((f) => text.slice(f.start, f.end) === f.text), [true, true], 'protect offsets');
      equal(out.text, '👩‍👩‍👧 José\u0301 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 写信给 [EMAIL_ADDRESS_1] 🎉 or call [PHONE_NUMBER_1] é\u0302', 'protected text');
      equal(scrim.restore(out.text), text, 'round trip');
      // The draft scan reports the same UTF-16 offsets.
      equal(scrim.scanDraft(text).findings.map((f) => [f.start, f.end]), scanned.findings.map((f) => [f.start, f.end]), 'scanDraft offsets');
    },
  },
];
