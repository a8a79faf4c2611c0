// The README's quick start, run as written: its code block is copied verbatim into a module of a
// project that installed the package (npm pack + npm install) and `ai`, with `yourModel` (the one
// name it leaves to the reader) a mock AI SDK model that echoes the prompt it receives.
//   node --test tests/js/readme.test.mjs       (needs pkg/: `npm run build`)
import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { installedProject } from './install.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** The first ```js block after the heading `## Quick start`. */
function quickStart() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## Quick start\n/m)[1];
  assert.ok(section, 'README.md has no "## Quick start" section');
  const code = section.match(/```js\n([\s\S]*?)```/)?.[1];
  assert.ok(code, 'the quick start has no ```js block');
  return code;
}

test('the quick start: five lines, and the model gets a placeholder while the stream shows the address', async () => {
  const code = quickStart();
  assert.equal(code.trim().split('\n').length, 5, 'the quick start is five lines');
  const project = installedProject();
  // `ai` as the reader installs it beside scrim.
  if (!existsSync(join(project, 'node_modules', 'ai'))) symlinkSync(join(root, 'node_modules', 'ai'), join(project, 'node_modules', 'ai'), 'dir');
  writeFileSync(join(project, 'readme-model.mjs'), `
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
export const received = [];
export const yourModel = new MockLanguageModelV4({
  doStream: async ({ prompt }) => {
    const text = prompt.filter((m) => m.role === 'user').flatMap((m) => m.content).map((p) => p.text).join('');
    received.push(text);
    const reply = 'Sent to: ' + text.slice(text.indexOf('['), text.indexOf(']') + 1);
    const deltas = reply.match(/.{1,4}/g);
    return { stream: simulateReadableStream({ chunks: [
      { type: 'text-start', id: '1' }, ...deltas.map((delta) => ({ type: 'text-delta', id: '1', delta })), { type: 'text-end', id: '1' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: { total: 1 }, outputTokens: { total: 1 } } },
    ] }) };
  },
});
`);
  const module = join(project, 'readme-quick-start.mjs');
  writeFileSync(module, `import { yourModel } from './readme-model.mjs';\n${code}\nlet shown = '';\nfor await (const text of textStream) shown += text;\nexport { shown };\n`);
  const { shown } = await import(`file://${module}`);
  const { received } = await import(`file://${join(project, 'readme-model.mjs')}`);
  assert.deepEqual(received, ['Please mail [EMAIL_ADDRESS_1] the receipt']);
  assert.equal(shown, 'Sent to: jane.doe@example.com');
});
