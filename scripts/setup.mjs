// Installs what building scrim needs, idempotently: the wasm32 target, the wasm-bindgen CLI of
// exactly the version Cargo.lock pins, and the npm dev dependencies. Safe to run every time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

const run = (cmd, args, opts = {}) => {
  console.error(`setup: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
};
const output = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : '';
};

if (!output('rustup', ['target', 'list', '--installed']).split('\n').includes('wasm32-unknown-unknown')) {
  run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}

const lock = readFileSync(new URL('../Cargo.lock', import.meta.url), 'utf8');
const pinned = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
if (!pinned) throw new Error('setup: Cargo.lock does not pin wasm-bindgen');
const have = output('wasm-bindgen', ['--version']).trim().split(' ')[1];
if (have !== pinned) {
  // Not --locked: one of its pinned dependencies no longer builds with --locked.
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', pinned]);
}

const root = new URL('..', import.meta.url).pathname;
const installed = `${root}node_modules/.package-lock.json`;
const stale = !existsSync(installed) || statSync(`${root}package-lock.json`).mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root });
}
