// The cases of lossless-cases.mjs (no spliced placeholders, a consistent vault over several turns,
// every value of a run replaced, UTF-16 offsets around emoji and combining marks) in Node, on the
// package as a user installs it. tests/browser/package.test.mjs runs the same cases in Chromium.
import { before, test } from 'node:test';
import { importScrim } from './install.mjs';
import { cases } from './lossless-cases.mjs';

let Scrim;
before(async () => {
  ({ Scrim } = await importScrim());
});

for (const c of cases) test(c.name, () => c.run(Scrim));
