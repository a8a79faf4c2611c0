// Builds the offline demo page into dist/demo/, a self-contained static site any server can serve:
//   www/demo/*                 the page (HTML, CSS, ES modules; the engine runs in scrim/worker's Worker)
//   scrim/                     the npm package's browser files from pkg/ (`npm run build` first)
//   models.json                "About the models": models/*.json sidecars + models/*.md cards
//   site.json                  entity types for the policy panel, payload sizes, build time
// The payload figure (bytes of wasm + JS the engine needs, raw / gzip / brotli) is also written
// into index.html, so the page states it without running anything.
//
//   node scripts/build-demo.mjs        (npm run build:demo builds pkg/ first)
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { moduleFiles } from './module-graph.mjs';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'www', 'demo');
const pkg = join(root, 'pkg');
const out = join(root, 'dist', 'demo');
// What the page imports: scrim/worker (worker.js), and whatever it imports in turn: the Worker's
// module, the browser entry, the shared API, the wasm-bindgen glue and the module.
if (!existsSync(join(pkg, 'worker.js'))) throw new Error(`build-demo: ${join(pkg, 'worker.js')} is missing; run \`npm run build\` first`);
const ENGINE = moduleFiles(pkg, ['worker.js']);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'scrim'), { recursive: true });
cpSync(src, out, { recursive: true, filter: (path) => !path.endsWith('.md') });
for (const file of ENGINE) copyFileSync(join(pkg, file), join(out, 'scrim', file));

// --- payload: what a visitor downloads to run the engine -------------------------------------
function sizes(path) {
  const bytes = readFileSync(path);
  return {
    bytes: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const total = (files) => files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { bytes: 0, gzip: 0, brotli: 0 });
const engineFiles = ENGINE.map((name) => ({ name: `scrim/${name}`, ...sizes(join(out, 'scrim', name)) }));
const pageFiles = readdirSync(out).filter((name) => /\.(html|css|js)$/.test(name)).map((name) => ({ name, ...sizes(join(out, name)) }));
const payload = { engine: { files: engineFiles, ...total(engineFiles) }, page: { files: pageFiles, ...total(pageFiles) } };
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const kb = (n) => `${(n / 1e3).toFixed(0)} kB`;
const payloadText = `engine ${mb(payload.engine.bytes)} (wasm + JS; ${mb(payload.engine.brotli)} brotli, ${mb(payload.engine.gzip)} gzip), page ${kb(payload.page.bytes)}`;

// --- entity types the policy panel offers: as the recognizer registry groups them ------------
function rustFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? rustFiles(join(dir, e.name)) : e.name.endsWith('.rs') ? [join(dir, e.name)] : []));
}
const recognizerDir = join(root, 'src', 'recognizer');
const groups = new Map();
for (const file of rustFiles(recognizerDir).sort()) {
  const scope = relative(recognizerDir, file).split('/');
  const label = scope[0] === 'country' && scope.length > 2 ? `country: ${scope[1].toUpperCase()}` : scope.length > 1 ? scope[0] : null;
  if (!label) continue;
  for (const [, entity] of readFileSync(file, 'utf8').matchAll(/^\s*entity: "([A-Z0-9_]+)"/gm)) {
    if (!groups.has(label)) groups.set(label, new Set());
    groups.get(label).add(entity);
  }
}
// The NER model's and the heuristics' entities: the constants of src/entity.rs.
const modelEntities = [...readFileSync(join(root, 'src', 'entity.rs'), 'utf8').matchAll(/^pub const [A-Z_]+: &str = "([A-Z0-9_]+)";/gm)].map((m) => m[1]);
if (modelEntities.length === 0) throw new Error('build-demo: found no entity constants in src/entity.rs');
groups.set('models and heuristics', new Set(modelEntities));
const order = (label) => (label === 'generic' ? 0 : label === 'models and heuristics' ? 1 : label.startsWith('country') ? 2 : 3);
const entities = [...groups].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
  .map(([label, set]) => ({ label, entities: [...set].sort() }));
if (entities.length === 0) throw new Error(`build-demo: found no \`entity: "..."\` in ${recognizerDir}; has the recognizer layout changed?`);

// --- models.json: sidecars + cards -------------------------------------------------------------
/** Markdown (the subset model cards use) as sections of blocks the page renders without innerHTML. */
function markdownSections(md) {
  const sections = [];
  let section = { heading: null, level: 0, blocks: [] };
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const push = (b) => section.blocks.push(b);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      if (section.heading !== null || section.blocks.length) sections.push(section);
      section = { heading: heading[2].trim(), level: heading[1].length, blocks: [] };
      i += 1;
    } else if (line.startsWith('```')) {
      const body = [];
      for (i += 1; i < lines.length && !lines[i].startsWith('```'); i += 1) body.push(lines[i]);
      push({ type: 'code', text: body.join('\n') });
      i += 1;
    } else if (/^\s*\|/.test(line)) {
      const rows = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i += 1) {
        const cells = lines[i].trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
      }
      push({ type: 'table', header: rows[0] ?? [], rows: rows.slice(1), caption: section.heading ?? undefined });
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^#{1,6}\s/.test(lines[i]); i += 1) {
        const item = lines[i].match(/^\s*(?:[-*+]|\d+[.)])\s+(.*)$/);
        if (item) items.push(item[1]);
        else items[items.length - 1] += ` ${lines[i].trim()}`;
      }
      push({ type: 'list', ordered, items });
    } else if (line.trim() === '') {
      i += 1;
    } else {
      const text = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|\s*\||\s*([-*+]|\d+[.)])\s)/.test(lines[i]); i += 1) text.push(lines[i].trim());
      push({ type: 'paragraph', text: text.join(' ') });
    }
  }
  if (section.heading !== null || section.blocks.length) sections.push(section);
  return sections;
}

const modelsDir = join(root, 'models');
const sha256 = (path) => `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
const models = readdirSync(modelsDir).filter((f) => f.endsWith('.json')).sort().map((file) => {
  const name = basename(file, '.json');
  const sidecar = JSON.parse(readFileSync(join(modelsDir, file), 'utf8'));
  const onnx = join(modelsDir, `${name}.onnx`);
  const card = join(modelsDir, `${name}.md`);
  // Only what a person reads: the sidecars also carry gazetteers and featurizer settings.
  const labels = sidecar.labels ?? [...new Set((sidecar.tags ?? []).filter((t) => t !== 'O').map((t) => t.replace(/^[BI]-/, '')))];
  return {
    name: sidecar.name ?? name,
    version: sidecar.version,
    labels: labels.length ? labels : undefined,
    thresholds: sidecar.thresholds,
    head: typeof sidecar.head === 'string' ? sidecar.head : undefined,
    // Measured here, not copied from the sidecar: this is the file the page describes.
    sha256: existsSync(onnx) ? sha256(onnx) : undefined,
    size_bytes: existsSync(onnx) ? statSync(onnx).size : undefined,
    card: existsSync(card) ? { path: `models/${name}.md`, sections: markdownSections(readFileSync(card, 'utf8')) } : null,
  };
});

const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const builtAt = new Date().toISOString();
writeFileSync(join(out, 'models.json'), `${JSON.stringify({ builtAt, models }, null, 1)}\n`);
writeFileSync(join(out, 'site.json'), `${JSON.stringify({ version, builtAt, payload, entities }, null, 1)}\n`);

const indexPath = join(out, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const marker = /(<dd id="payload">)[^<]*(<\/dd>)/;
if (!marker.test(html)) throw new Error('build-demo: www/demo/index.html has no <dd id="payload"> to write the payload figure into');
writeFileSync(indexPath, html.replace(marker, `$1${payloadText}$2`));

const cards = models.filter((m) => m.card).length;
console.error(`build-demo: ${out} (scrim ${version}; ${payloadText}; ${models.length} models, ${cards} cards; ${entities.reduce((n, g) => n + g.entities.length, 0)} entity types)`);
console.error('build-demo: serve it with `node scripts/serve.mjs dist/demo` (or any static server)');
