// The files an ES module needs at run time, found by following its relative imports, so that the
// demo and extension builds copy what the package's modules actually import instead of a list kept
// by hand (a hand-kept list once missed js/fail-closed.js and the demo page never started).
//
// Followed: `import … from './x.js'`, `export … from './x.js'`, `import './x.js'`, `import('./x.js')`
// and `new URL('./x', import.meta.url)` (how worker.js starts its Worker and how the wasm-bindgen
// glue finds the .wasm; wasm-bindgen writes the latter without './'). Bare specifiers (npm
// packages) are not followed: the engine's browser files import none.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const STATIC = /\b(?:import|export)\s+(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const URL_OF = /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Every file reachable from `entries` (paths relative to `dir`), entries included, as paths
 * relative to `dir` in the order they were found. Throws, naming the importer, when a module
 * refers to a file that is not there or outside `dir`.
 */
export function moduleFiles(dir, entries) {
  const found = [];
  const seen = new Set();
  const queue = [...entries];
  while (queue.length) {
    const file = normalize(queue.shift());
    if (seen.has(file)) continue;
    seen.add(file);
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`module-graph: ${path} is missing`);
    found.push(file);
    if (!file.endsWith('.js') && !file.endsWith('.mjs')) continue;
    // Comments name files too ("see ./x.js"); only code counts.
    const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    const specifiers = [
      ...[...code.matchAll(STATIC)].map((m) => m[1]).filter((s) => s.startsWith('./') || s.startsWith('../')),
      ...[...code.matchAll(DYNAMIC)].map((m) => m[1]).filter((s) => s.startsWith('./') || s.startsWith('../')),
      ...[...code.matchAll(URL_OF)].map((m) => m[1]).filter((s) => !/^[a-z]+:/i.test(s)),
    ];
    for (const specifier of specifiers) {
      const target = normalize(join(dirname(file), specifier));
      if (target.startsWith('..')) throw new Error(`module-graph: ${path} imports ${specifier}, outside ${dir}`);
      if (!existsSync(join(dir, target))) {
        throw new Error(`module-graph: ${path} imports ${specifier}, but ${relative(process.cwd(), join(dir, target))} is missing`);
      }
      queue.push(target);
    }
  }
  return found;
}
