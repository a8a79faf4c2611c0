// scripts/module-graph.mjs: what the demo and extension builds copy. A module it misses is a page
// that never starts (the CI failure of 2026-12-02: js/fail-closed.js was not copied).
//   node --test tests/js/module-graph.test.mjs      (no build needed)
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { moduleFiles } from '../../scripts/module-graph.mjs';

function tree(files) {
  const dir = mkdtempSync(join(tmpdir(), 'scrim-graph-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

test('follows static, re-exported, dynamic and new URL imports, and nothing in comments or bare specifiers', () => {
  const dir = tree({
    'entry.js': [
      "import { a } from './a.js';",
      "export { b } from './lib/b.js';",
      "import 'node:fs'; import x from 'some-package';",
      '// see ./commented.js, and /* ./also-commented.js */',
      "const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });",
    ].join('\n'),
    'a.js': "export const a = 1; const m = () => import('./lazy.js');",
    'lib/b.js': "export const b = 2; import '../a.js';",
    'lazy.js': 'export {};',
    // wasm-bindgen's glue names the module without './'.
    'worker.js': "const url = new URL('glue_bg.wasm', import.meta.url);",
    'glue_bg.wasm': 'wasm',
  });
  assert.deepEqual(moduleFiles(dir, ['entry.js']).sort(), ['a.js', 'entry.js', 'glue_bg.wasm', 'lazy.js', 'lib/b.js', 'worker.js']);
});

test('a missing import is an error naming the importer and the file', () => {
  const dir = tree({ 'index.js': "import { blocked } from './fail-closed.js';" });
  assert.throws(() => moduleFiles(dir, ['index.js']), (e) => /index\.js imports \.\/fail-closed\.js/.test(e.message) && /fail-closed\.js is missing/.test(e.message));
});

test('an import outside the package folder is an error', () => {
  const dir = tree({ 'pkg/index.js': "import '../secret.js';", 'secret.js': '' });
  assert.throws(() => moduleFiles(join(dir, 'pkg'), ['index.js']), /outside/);
});
