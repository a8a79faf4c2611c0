// The JavaScript runners of bench/run.py, in Node: scrim's wasm package (pkg/) and the npm peers
// installed in bench/node_modules.
//
//   node node_peers.mjs PEER CORPUS.jsonl PRED.jsonl [--rounds N] [--long LONG.jsonl] [--also IN=OUT]...
//   node node_peers.mjs stress            hostile-input timings: scrim wasm vs JavaScript RegExp
//
// PEER: scrim-node, redact-pii, @redactpii/node, @openredaction/openredaction, @arcjet/redact,
// obscenity (toxicity: records carry "scores").
// Output as bench/runners/py_peers.py: one line per input with code-point offsets, then one JSON
// object of timings on stdout.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = new URL('.', import.meta.url);
const root = new URL('../../', import.meta.url);
const require = createRequire(new URL('../package.json', import.meta.url));

const pkgVersion = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, here), 'utf8')).version;
const readJsonl = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

/** UTF-16 offset -> code-point offset, for one string. */
export function codePointOffsets(text) {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length)) cp++;
  }
  map[text.length] = cp;
  return (i) => map[i];
}

/**
 * Spans of a text-out redactor: `redacted` is `text` with some values replaced by one of
 * `tokens`. The literal pieces between tokens are anchored in the original, left to right; a
 * prompt whose pieces cannot be aligned yields no findings (counted as `unaligned`).
 */
export function alignRedaction(text, redacted, tokens) {
  const tokenRe = new RegExp(tokens.slice().sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const pieces = [];
  const kinds = [];
  let at = 0;
  for (const m of redacted.matchAll(tokenRe)) {
    pieces.push(redacted.slice(at, m.index));
    kinds.push(m[0]);
    at = m.index + m[0].length;
  }
  pieces.push(redacted.slice(at));
  if (kinds.length === 0) return redacted === text ? [] : null;
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${pieces.map(esc).join('([\\s\\S]+?)')}$`);
  const m = re.exec(text);
  if (!m) return null;
  const spans = [];
  let pos = 0;
  for (let k = 0; k < kinds.length; k++) {
    pos += pieces[k].length;
    const value = m[k + 1];
    spans.push({ entity: kinds[k], start: pos, end: pos + value.length });
    pos += value.length;
  }
  return spans;
}

async function make(peer) {
  if (peer === 'scrim-node') {
    const t0 = performance.now();
    const { Scrim } = await import(new URL('pkg/node.js', root));
    const scrim = await Scrim.create();
    const version = JSON.parse(readFileSync(new URL('pkg/package.json', root), 'utf8')).version;
    const models = scrim.provenance.models.map((m) => m.name);
    return {
      version: `scrim ${version} (wasm in Node ${process.version}; models: ${models.join(', ') || 'none'})`,
      models,
      coldStartMs: performance.now() - t0,
      analyze(text) {
        const r = scrim.scan(text);
        return { findings: r.findings.map((f) => [f.entity, f.start, f.end, f.score]), scores: r.scores };
      },
    };
  }
  if (peer === 'redact-pii') {
    const t0 = performance.now();
    const { SyncRedactor } = require('redact-pii');
    const redactor = new SyncRedactor();
    const tokens = ['CREDIT_CARD_NUMBER', 'STREET_ADDRESS', 'ZIPCODE', 'PHONE_NUMBER', 'IP_ADDRESS', 'US_SOCIAL_SECURITY_NUMBER',
      'EMAIL_ADDRESS', 'USERNAME', 'PASSWORD', 'CREDENTIALS', 'DIGITS', 'URL', 'PERSON_NAME'];
    return {
      version: `redact-pii ${pkgVersion('redact-pii')}`,
      coldStartMs: performance.now() - t0,
      analyze(text) {
        const spans = alignRedaction(text, redactor.redact(text), tokens);
        return spans === null ? { unaligned: true, findings: [] } : { findings: spans.map((s) => [s.entity, s.start, s.end, 1]) };
      },
    };
  }
  if (peer === '@redactpii/node') {
    const t0 = performance.now();
    const { Redactor } = require('@redactpii/node');
    const redactor = new Redactor();
    const tokens = ['CREDIT_CARD_NUMBER', 'EMAIL_ADDRESS', 'PERSON_NAME', 'PHONE_NUMBER', 'US_SOCIAL_SECURITY_NUMBER', 'DIGITS'];
    return {
      version: `@redactpii/node ${pkgVersion('@redactpii/node')}`,
      coldStartMs: performance.now() - t0,
      analyze(text) {
        const spans = alignRedaction(text, redactor.redact(text), tokens);
        return spans === null ? { unaligned: true, findings: [] } : { findings: spans.map((s) => [s.entity, s.start, s.end, 1]) };
      },
    };
  }
  if (peer === '@openredaction/openredaction') {
    const t0 = performance.now();
    const { OpenRedaction } = await import(require.resolve('@openredaction/openredaction'));
    const redactor = new OpenRedaction({});
    return {
      version: `@openredaction/openredaction ${pkgVersion('@openredaction/openredaction')}`,
      coldStartMs: performance.now() - t0,
      // detect() is async; its `position` is [start, end) in UTF-16 code units, checked against `value`.
      async analyze(text) {
        const out = await redactor.detect(text);
        const findings = out.detections.map((d) => [d.type, d.position[0], d.position[1], d.confidence ?? 1]);
        const misplaced = out.detections.filter((d) => text.slice(d.position[0], d.position[1]) !== d.value).length;
        return { findings, misplaced };
      },
    };
  }
  if (peer === '@arcjet/redact') {
    const t0 = performance.now();
    const { redact } = await import(require.resolve('@arcjet/redact'));
    return {
      version: `@arcjet/redact ${pkgVersion('@arcjet/redact')}`,
      coldStartMs: performance.now() - t0,
      // A text-out redactor: each value is replaced by a unique marker, the spans are where the
      // markers landed (aligned against the original), each checked against the value it was given.
      async analyze(text) {
        const values = [];
        const [redacted] = await redact(text, {
          replace: (entity, plaintext) => {
            values.push([entity, plaintext]);
            return `\u{F0000}${values.length - 1}\u{F0001}`;
          },
        });
        if (values.length === 0) return { findings: [] };
        const spans = alignRedaction(text, redacted, values.map((_, i) => `\u{F0000}${i}\u{F0001}`));
        if (spans === null) return { unaligned: true, findings: [] };
        const findings = spans.map((s) => [values[Number(s.entity.slice(2, -2))][0], s.start, s.end, 1]);
        const misplaced = spans.filter((s) => text.slice(s.start, s.end) !== values[Number(s.entity.slice(2, -2))][1]).length;
        return { findings, misplaced };
      },
    };
  }
  if (peer === 'obscenity') {
    const t0 = performance.now();
    const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = require('obscenity');
    const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
    return {
      version: `obscenity ${pkgVersion('obscenity')}`,
      coldStartMs: performance.now() - t0,
      analyze(text) {
        return { findings: [], scores: { toxicity: matcher.hasMatch(text) ? 1 : 0 } };
      },
    };
  }
  throw new Error(`node_peers.mjs: unknown peer ${JSON.stringify(peer)}`);
}

async function predict(peer, corpus, pred, { rounds = 3, long, also = [], maxSeconds = 60 }) {
  const docs = readJsonl(corpus);
  const runner = await make(peer);
  // A peer whose analyze is async is awaited per prompt; the others' passes stay synchronous.
  const isAsync = runner.analyze.constructor.name === 'AsyncFunction';
  const pass = isAsync ? async (ts) => { for (const t of ts) await runner.analyze(t); } : (ts) => { for (const t of ts) runner.analyze(t); };
  const run = (t) => pass([t]);
  const t0 = performance.now();
  await run('warm up: mail jane@example.com');
  const firstScanMs = performance.now() - t0;
  let unaligned = 0;
  // Findings whose span does not hold the value the peer itself reports (offsets miscounted).
  let misplaced = 0;
  for (const [src, dst] of [[corpus, pred], ...also]) {
    const lines = [];
    for (const d of readJsonl(src)) {
      let r = runner.analyze(d.text);
      if (r instanceof Promise) r = await r;
      if (r.unaligned) unaligned++;
      misplaced += r.misplaced ?? 0;
      const cp = codePointOffsets(d.text);
      const findings = r.findings.map(([entity, start, end, score]) => ({ entity, start: cp(start), end: cp(end), score }));
      lines.push(JSON.stringify({ id: d.id, findings, scores: r.scores ?? {} }));
    }
    writeFileSync(dst, `${lines.join('\n')}\n`);
  }
  let texts = docs.map((d) => d.text).filter((t) => [...t].length >= 50 && [...t].length <= 400);
  if (texts.length === 0) texts = docs.map((d) => d.text);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  if (rounds > 0) await pass(texts);
  let best = Infinity;
  let spent = 0;
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    await pass(texts);
    const el = (performance.now() - s) / 1e3;
    best = Math.min(best, el);
    spent += el;
    if (spent > maxSeconds) break;
  }
  const lat = [];
  if (long) {
    const longs = readJsonl(long).map((d) => d.text);
    await pass(longs);
    for (const t of longs) {
      const s = performance.now();
      await run(t);
      lat.push(performance.now() - s);
    }
    lat.sort((a, b) => a - b);
  }
  const pct = (p) => (lat.length ? lat[Math.round((lat.length - 1) * p)] : null);
  console.log(JSON.stringify({
    runner: peer, version: runner.version, models: runner.models, cold_start_ms: runner.coldStartMs, first_scan_ms: firstScanMs,
    prompts: texts.length, bytes, seconds: rounds ? best : null, prompts_per_s: rounds ? texts.length / best : null, mb_per_s: rounds ? bytes / best / 1e6 : null,
    long_p50_ms: pct(0.5), long_p95_ms: pct(0.95), unaligned, misplaced,
  }));
}

// ------------------------------------------------------------------ hostile input

export const PATHOLOGICAL = [['(a+)+$', 'a'], ['(a|aa)+$', 'a'], ['(\\w+\\s?)+$', 'a'], ['^(([a-z])+.)+[A-Z]([a-z])+$', 'a']];

/** Time one RegExp test in a child process, killed after `timeoutMs`. */
function timeRegExp(pattern, subject, n, timeoutMs) {
  const code = `const re=new RegExp(${JSON.stringify(pattern)});const s=${JSON.stringify(subject)}.repeat(${n})+'!';` +
    'const t=performance.now();re.test(s);console.log(performance.now()-t);';
  const r = spawnSync(process.execPath, ['-e', code], { timeout: timeoutMs, encoding: 'utf8' });
  if (r.error?.code === 'ETIMEDOUT' || r.signal) return { ms: null, timed_out_after_ms: timeoutMs };
  return { ms: Number(r.stdout.trim()) };
}

// The same text as tools/src/bench_native.rs repeats to 10 MB.
const SEED = 'Hi team, please call Jane on +44 20 7946 0958 or mail jane.doe@example.com. Card 4111 1111 1111 1111 '
  + 'was declined; my IBAN is DE89 3704 0044 0532 0130 00. The server 10.0.0.12 is slow again today. ';
const bigInput = (size) => SEED.repeat(Math.ceil(size / SEED.length)).slice(0, size);

async function stress() {
  const results = [];
  const timeoutMs = Number(process.env.BENCH_REGEXP_TIMEOUT_MS ?? 10000);
  for (const [pattern, subject] of PATHOLOGICAL) {
    for (const n of [16, 20, 24, 28, 32, 100000]) {
      const r = timeRegExp(pattern, subject, n, timeoutMs);
      results.push({ engine: 'JavaScript RegExp (V8)', pattern, n, ...r });
      if (r.ms === null) break;
    }
  }
  const big = bigInput(10 << 20);
  // redact-pii on the same 10 MB, in a child process with a time limit
  const redactTimeout = Number(process.env.BENCH_REDACT_TIMEOUT_MS ?? 120000);
  const code = `const { SyncRedactor } = require(${JSON.stringify(require.resolve('redact-pii'))});` +
    `const seed=${JSON.stringify(SEED)};const big=seed.repeat(Math.ceil(${10 << 20}/seed.length)).slice(0,${10 << 20});` +
    'const r=new SyncRedactor();const t=performance.now();r.redact(big);console.log(performance.now()-t);';
  const child = spawnSync(process.execPath, ['-e', code], { timeout: redactTimeout, encoding: 'utf8', maxBuffer: 1 << 20 });
  results.push({ engine: 'redact-pii', case: '10 MB prompt', bytes: 10 << 20,
    ...(child.error?.code === 'ETIMEDOUT' || child.signal ? { ms: null, timed_out_after_ms: redactTimeout } : { ms: Number(child.stdout.trim()) }) });
  let s;
  try {
    const { Scrim } = await import(new URL('pkg/node.js', root));
    const limits = { max_input_bytes: 16 << 20 };
    const scrim = await Scrim.create({ limits });
    s = performance.now();
    const r = scrim.scan(big);
    results.push({ engine: 'scrim wasm (Node)', case: '10 MB prompt', ms: performance.now() - s, findings: r.findings.length });
    for (const [pattern, subject] of PATHOLOGICAL) {
      for (const n of [32, 100000]) {
        const c0 = performance.now();
        const engine = await Scrim.create({ limits, custom: [{ entity: 'CUSTOM', pattern, name: 'pathological' }] });
        const compileMs = performance.now() - c0;
        const input = `${subject.repeat(n)}!`;
        s = performance.now();
        engine.scan(input);
        results.push({ engine: 'scrim wasm (Node)', pattern, n, compile_ms: compileMs, ms: performance.now() - s });
        engine.free();
      }
    }
  } catch (e) {
    results.push({ engine: 'scrim wasm (Node)', error: String(e?.message ?? e) });
  }
  console.log(JSON.stringify({ runner: 'node-stress', node: process.version, stress: results }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [peer, corpus, pred, ...rest] = process.argv.slice(2);
  const opt = (name) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
  if (peer === 'stress') {
    await stress();
  } else {
    const also = rest.flatMap((a, i) => (rest[i - 1] === '--also' ? [a.split('=')] : []));
    await predict(peer, corpus, pred, { rounds: Number(opt('--rounds') ?? 3), long: opt('--long'), also });
  }
}
