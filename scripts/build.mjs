// Builds the npm package into pkg/ as wasm-pack.toml says: cargo (wasm32) -> wasm-bindgen ->
// (size build only) wasm-opt -> JS entries, types and package.json.
//
//   node scripts/build.mjs          the default build (tests use it)
//   node scripts/build.mjs --size   the shipping build: size profile + wasm-opt
//   node scripts/build.mjs --js     only the JS entries, types and package.json, over the wasm
//                                   already in pkg/ (after editing js/, no cargo run)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'smol-toml';
import { moduleFiles } from './module-graph.mjs';

const root = new URL('..', import.meta.url).pathname;
const config = parse(readFileSync(join(root, 'wasm-pack.toml'), 'utf8'));
const size = process.argv.includes('--size');
const jsOnly = process.argv.includes('--js');
const profile = size ? config.size.profile : config.build.profile;
const outDir = join(root, config.bindgen['out-dir']);

const run = (cmd, args, env = {}) => {
  console.error(`build: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
};

const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const pinned = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
if (pinned !== config.bindgen.version) {
  throw new Error(`wasm-pack.toml [bindgen].version ${config.bindgen.version} != wasm-bindgen ${pinned} in Cargo.lock`);
}

const bg = join(outDir, `${config.bindgen['out-name']}_bg.wasm`);
if (jsOnly) {
  try {
    statSync(bg);
  } catch {
    throw new Error(`build --js: ${bg} is missing; run a full \`node scripts/build.mjs\` first`);
  }
} else {
  wasmBuild();
}

function wasmBuild() {
  const rustflags = [process.env.RUSTFLAGS ?? '', ...config.build.rustflags].join(' ').trim();
  run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', profile,
    '--no-default-features', '--features', config.build.features.join(',')],
    // A separate target dir: RUSTFLAGS differ from the native build's, which would otherwise
    // rebuild everything on each switch.
    { RUSTFLAGS: rustflags, CARGO_TARGET_DIR: join(root, 'target', 'wasm') });

  const wasm = join(root, 'target', 'wasm', 'wasm32-unknown-unknown', profile, 'scrim.wasm');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  run('wasm-bindgen', [wasm, '--target', config.bindgen.target, '--out-dir', outDir, '--out-name', config.bindgen['out-name'],
    ...(config.bindgen.flags ?? [])]);

  if (size && config.size['wasm-opt']) {
    const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
    run(wasmOpt, [bg, '-o', bg, ...config['wasm-opt'].flags]);
  }
}

for (const file of config.package.files) copyFileSync(join(root, file), join(outDir, basename(file)));
copyFileSync(join(root, 'README.md'), join(outDir, 'README.md'));

const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = cargo.match(/^version = "([^"]+)"/m)[1];
const pkg = {
  name: config.package.name,
  version,
  description: cargo.match(/^description = "([^"]+)"/m)[1],
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './node.js',
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': {
      types: './index.d.ts',
      node: './node.js',
      default: './index.js',
    },
    './worker': {
      types: './worker.d.ts',
      node: './worker-node.js',
      default: './worker.js',
    },
    './ai-sdk': {
      types: './ai-sdk.d.ts',
      default: './ai-sdk.js',
    },
    './openai': {
      types: './openai.d.ts',
      default: './openai.js',
    },
    './scrim_wasm_bg.wasm': `./${basename(bg)}`,
  },
  // Only for the types of scrim/ai-sdk and scrim/openai (their JS imports neither); the core
  // package has no dependency.
  peerDependencies: { ai: '>=7', openai: '>=7' },
  peerDependenciesMeta: { ai: { optional: true }, openai: { optional: true } },
  files: ['*.js', '*.d.ts', '*.wasm', 'README.md'],
  sideEffects: false,
  engines: { node: '>=20' },
};
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
// wasm-pack.toml's [package] files is kept by hand: every entry point's imports must be in it.
const entries = Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))
  .filter((f) => f.endsWith('.js')).map((f) => f.slice(2));
moduleFiles(outDir, entries);
// wasm-bindgen writes a .gitignore of "*" into its out dir, which would make `npm pack` skip
// everything; the package's `files` list decides what ships.
rmSync(join(outDir, '.gitignore'), { force: true });
console.error(`build: ${outDir} (${(statSync(bg).size / 1e6).toFixed(2)} MB wasm, profile ${profile})`);
