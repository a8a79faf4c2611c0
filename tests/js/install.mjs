// Installs the built package (pkg/) the way a user would: `npm pack` it, then `npm install` the
// tarball into an empty temporary project. Returns the path of the installed package's project.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

let project;

export function installedProject() {
  if (project) return project;
  const pkg = join(root, 'pkg');
  if (!existsSync(join(pkg, 'package.json'))) {
    throw new Error('pkg/ is not built: run `npm run build` first');
  }
  project = mkdtempSync(join(tmpdir(), 'scrim-js-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scrim-user', private: true, type: 'module' }));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: pkg, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(project, tarball)], { cwd: project, stdio: 'ignore' });
  return project;
}

/** `import('scrim')` as a user's module in the temporary project would (through package.json "exports"). */
export async function importScrim() {
  const dir = installedProject();
  const shim = join(dir, 'use-scrim.mjs');
  writeFileSync(shim, "export * from 'scrim';\n");
  return import(new URL(`file://${shim}`).href);
}

/** `import(specifier)` from a module of the temporary project, e.g. 'scrim/worker' or 'ai'. */
export async function importFromProject(specifier, name = specifier.replace(/[^a-z0-9]+/gi, '-')) {
  const dir = installedProject();
  const shim = join(dir, `use-${name}.mjs`);
  writeFileSync(shim, `export * from ${JSON.stringify(specifier)};\n`);
  return import(new URL(`file://${shim}`).href);
}
