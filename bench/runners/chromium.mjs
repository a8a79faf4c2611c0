// scrim's wasm package in a real Chromium page (tests/browser/chromium.mjs launches Debian's
// Chromium through playwright-core; scripts/serve.mjs serves the repository on localhost).
//
//   node chromium.mjs CORPUS.jsonl PRED.jsonl [--rounds N] [--long LONG.jsonl] [--also IN=OUT]...
//
// CORPUS, PRED and LONG are paths inside the repository (they are fetched by the page). Output as
// bench/runners/node_peers.mjs: predictions with code-point offsets, then one JSON object of
// timings: the cold start (fetch + compile + instantiate the wasm, build the engine and load its
// models, with the HTTP cache off), throughput after a warm-up pass, and per-prompt latency
// percentiles over LONG (~1 KB prompts), each timed alone with performance.now().
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { serve } from '../../scripts/serve.mjs';
import { launch } from '../../tests/browser/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [corpus, pred, ...rest] = process.argv.slice(2);
const opt = (name) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
const rounds = Number(opt('--rounds') ?? 3);
const long = opt('--long');
const also = rest.flatMap((a, i) => (rest[i - 1] === '--also' ? [a.split('=')] : []));
const urlPath = (p) => `/${relative(root, resolve(p))}`;

const { server, url } = await serve(root);
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}bench/runners/page.html`);
  const result = await page.evaluate(async ({ corpusUrl, longUrl, alsoUrls, rounds }) => {
    const readJsonl = async (u) => { const r = await fetch(u); if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`); return (await r.text()).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)); };
    const t0 = performance.now();
    const { Scrim } = await import('/pkg/index.js');
    const scrim = await Scrim.create();
    const coldStartMs = performance.now() - t0;
    const f0 = performance.now();
    scrim.scan('warm up: mail jane@example.com');
    const firstScanMs = performance.now() - f0;
    const docs = await readJsonl(corpusUrl);
    const predict = (list) => list.map((d) => {
      const r = scrim.scan(d.text);
      const cp = new Uint32Array(d.text.length + 1);
      let n = 0;
      for (let i = 0; i < d.text.length; i++) {
        cp[i] = n;
        const c = d.text.charCodeAt(i);
        if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < d.text.length)) n++;
      }
      cp[d.text.length] = n;
      const findings = r.findings.map((f) => ({ entity: f.entity, start: cp[f.start], end: cp[f.end], score: f.score }));
      return JSON.stringify({ id: d.id, findings, scores: r.scores });
    });
    const lines = predict(docs);
    const alsoLines = [];
    for (const u of alsoUrls) alsoLines.push(predict(await readJsonl(u)));
    let texts = docs.map((d) => d.text).filter((t) => [...t].length >= 50 && [...t].length <= 400);
    if (texts.length === 0) texts = docs.map((d) => d.text);
    const bytes = texts.reduce((a, t) => a + new TextEncoder().encode(t).length, 0);
    if (rounds > 0) for (const t of texts) scrim.scan(t);
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const s = performance.now();
      for (const t of texts) scrim.scan(t);
      best = Math.min(best, (performance.now() - s) / 1e3);
    }
    const lat = [];
    if (longUrl) {
      const longs = (await readJsonl(longUrl)).map((d) => d.text);
      for (const t of longs) scrim.scan(t);
      for (let r = 0; r < 3; r++) {
        for (const t of longs) {
          const s = performance.now();
          scrim.scan(t);
          lat.push(performance.now() - s);
        }
      }
      lat.sort((a, b) => a - b);
    }
    const pct = (p) => (lat.length ? lat[Math.round((lat.length - 1) * p)] : null);
    return {
      lines, alsoLines, models: scrim.provenance.models.map((m) => m.name), version: scrim.provenance.scrim, coldStartMs, firstScanMs,
      prompts: texts.length, bytes, seconds: best, p50: pct(0.5), p95: pct(0.95),
    };
  }, { corpusUrl: urlPath(corpus), longUrl: long ? urlPath(long) : null, alsoUrls: also.map(([src]) => urlPath(src)), rounds });
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  writeFileSync(pred, `${result.lines.join('\n')}\n`);
  also.forEach(([, dst], i) => writeFileSync(dst, `${result.alsoLines[i].join('\n')}\n`));
  console.log(JSON.stringify({
    runner: 'scrim-chromium',
    version: `scrim ${result.version} (wasm in Chromium ${browser.version()}; models: ${result.models.join(', ') || 'none'})`,
    models: result.models,
    cold_start_ms: result.coldStartMs,
    first_scan_ms: result.firstScanMs,
    prompts: result.prompts,
    bytes: result.bytes,
    seconds: rounds ? result.seconds : null,
    prompts_per_s: rounds ? result.prompts / result.seconds : null,
    mb_per_s: rounds ? result.bytes / result.seconds / 1e6 : null,
    long_p50_ms: result.p50,
    long_p95_ms: result.p95,
  }));
} finally {
  await browser.close();
  server.close();
}
