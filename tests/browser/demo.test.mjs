// The offline demo page (dist/demo/, from scripts/build-demo.mjs) in Debian's Chromium, served on
// localhost. What a visitor would notice: values replaced in what the model receives, replies
// restored (typed and streamed), the toxicity bar rising, policy errors shown where they are,
// keyboard use, accessibility (axe-core), and not one request leaving the page's origin.
//
//   node --test tests/browser/demo.test.mjs     (needs dist/demo: `npm run build:demo`, or pkg/
//                                                from `npm run build`, from which it is built here)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { launch } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
// DEMO_DIR: test another build of the site (default dist/demo).
const site = process.env.DEMO_DIR || join(root, 'dist', 'demo');
// MODELS_DIR: where that build took its models from (default models/).
const modelsDir = process.env.MODELS_DIR || join(root, 'models');
const artifacts = join(root, 'test-results');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const NAME = 'Jane Doe';
const EMAIL = 'jane.doe@example.com';
const CARD = '4111 1111 1111 1111';
const PROMPT = `Hi, I am ${NAME}. Please email ${EMAIL} the receipt and charge my card ${CARD}.`;
const NEUTRAL = 'Could you summarise this article about gardening for me, please?';
const TOXIC = 'You are a worthless stupid idiot and I will kill you, you piece of shit.';

let browser;
let server;
let origin;
let page;
const requests = [];
const consoleErrors = [];

before(async () => {
  if (!existsSync(join(site, 'index.html')) || !existsSync(join(site, 'scrim', 'scrim_wasm_bg.wasm'))) {
    if (!existsSync(join(root, 'pkg', 'scrim_wasm_bg.wasm'))) {
      throw new Error(`${site} is missing and so is pkg/: run \`npm run build:demo\` (or \`npm run build && node scripts/build-demo.mjs\`) first`);
    }
    execFileSync(process.execPath, [join(root, 'scripts', 'build-demo.mjs')], { stdio: 'inherit' });
  }
  mkdirSync(artifacts, { recursive: true });
  let url;
  ({ server, url } = await serve(site));
  origin = new URL(url).origin;
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Every request of every page and worker in this context, whatever its origin.
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  const onConsole = (where) => (m) => {
    if (m.type() === 'error') consoleErrors.push(`${where}: ${m.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (e) => consoleErrors.push(`page exception: ${e.message}`));
  page.on('worker', (w) => w.on('console', onConsole(`worker ${w.url()}`)));
  await page.goto(url);
  await page.waitForSelector('body[data-engine]', { timeout: 60_000 });
  const engine = await page.getAttribute('body', 'data-engine');
  assert.equal(engine, 'ready', `the engine did not start: ${await page.locator('#engine-status').textContent()} (console: ${consoleErrors.join('; ')})`);
});

after(async () => {
  await browser?.close();
  server?.close();
});

const redacted = () => page.getByTestId('redacted');
const restored = () => page.getByTestId('restored');

/** Replace the prompt by typing, as a person would, and wait for the scan of exactly that text. */
async function typePrompt(text) {
  const prompt = page.getByLabel('Prompt', { exact: true });
  await prompt.fill('');
  await prompt.pressSequentially(text);
  await page.waitForFunction((t) => document.getElementById('highlighted').dataset.scanned === t, text);
}

test('typing an e-mail and a card: the model receives placeholders, never the values', async () => {
  await typePrompt(PROMPT);
  const sent = await redacted().textContent();
  assert.match(sent, /\[EMAIL_ADDRESS_1\]/, `no e-mail placeholder in what the model receives: ${sent}`);
  assert.match(sent, /\[CREDIT_CARD_1\]/, `no card placeholder in what the model receives: ${sent}`);
  assert.ok(!sent.includes(EMAIL), `the e-mail address leaked: ${sent}`);
  assert.ok(!sent.includes(CARD) && !sent.includes(CARD.replaceAll(' ', '')), `the card number leaked: ${sent}`);
  // The findings are marked inline with their type as text, and listed with their source and action.
  const mark = page.getByTestId('highlighted').locator('mark', { hasText: EMAIL });
  assert.equal(await mark.locator('.tag').textContent(), '[EMAIL_ADDRESS]');
  const table = await page.getByTestId('findings').textContent();
  assert.match(table, /EMAIL_ADDRESS.*jane\.doe@example\.com.*generic\.email.*redact → \[EMAIL_ADDRESS_1\]/s);
  assert.match(await page.getByTestId('decision').textContent(), /REDACT/);
  assert.match(await page.locator('#timing').textContent(), /\d+\.\d\d ms for \d+ bytes/);
  assert.match(await page.locator('#payload').textContent(), /engine \d+\.\d\d MB \(wasm \+ JS/);
  await page.screenshot({ path: join(artifacts, 'demo.png'), fullPage: true });
});

test('typing a name: the model receives a placeholder, not the name', async (t) => {
  const models = (await page.getAttribute('body', 'data-models')).split(' ');
  if (!models.includes('ner')) {
    t.skip('this build reports no `ner` model in its provenance, so nothing can find names yet (the lead wires the NER model into the engine)');
    return;
  }
  await typePrompt(PROMPT);
  const sent = await redacted().textContent();
  assert.match(sent, /\[PERSON_1\]/, `no person placeholder: ${sent}`);
  assert.ok(!sent.includes('Jane') && !sent.includes('Doe'), `the name leaked: ${sent}`);
});

test('a reply using the placeholders comes back with the real values, typed or streamed', async () => {
  await typePrompt(PROMPT);
  const reply = page.getByLabel('Model reply (with placeholders)');
  await reply.fill('');
  await reply.pressSequentially('Done: the receipt went to [EMAIL_ADDRESS_1], paid with [CREDIT_CARD_1].');
  const expected = `Done: the receipt went to ${EMAIL}, paid with ${CARD}.`;
  await page.waitForFunction((e) => document.querySelector('[data-testid="restored"]').textContent === e, expected);

  await page.getByRole('button', { name: 'Stream' }).click();
  await page.waitForFunction(() => /Streamed \d+ chunks/.test(document.getElementById('stream-status').textContent), null, { timeout: 20_000 });
  assert.equal(await restored().textContent(), expected, 'streamed restore differs from the expected reply');
  assert.match(await page.locator('#stream-status').textContent(), /equals the one-shot restore/);
});

test('a toxic sentence raises the toxicity bar past the policy warn threshold', async (t) => {
  await typePrompt(NEUTRAL);
  const bar = page.getByTestId('bar-toxicity');
  if ((await bar.count()) === 0) {
    const scores = await page.getByTestId('scores').textContent();
    t.skip(`this build's scan returns no \`toxicity\` score (the toxicity model is not wired into the engine yet): "${scores.trim()}"`);
    return;
  }
  const calm = Number(await bar.getAttribute('aria-valuenow'));
  await typePrompt(TOXIC);
  const angry = Number(await bar.getAttribute('aria-valuenow'));
  const warn = Number(await bar.getAttribute('data-warn'));
  assert.ok(calm < warn, `the neutral sentence already scores ${calm} (warn ${warn})`);
  assert.ok(angry >= warn, `the toxic sentence scores ${angry}, below warn ${warn}`);
  assert.match(await page.getByTestId('decision').textContent(), /toxicity/);
  await page.screenshot({ path: join(artifacts, 'demo-toxic.png'), fullPage: true });
});

test('the toxicity explanation marks an obviously toxic word as pushing the score up', async (t) => {
  await typePrompt(TOXIC);
  const figure = page.getByTestId('explanations').locator('figure[data-label="toxicity"]');
  if ((await figure.count()) === 0) {
    const shown = await page.getByTestId('explanations').textContent();
    t.skip(`this build returns no explanation for \`toxicity\` (scan's explain option is not wired yet): "${shown.trim()}"`);
    return;
  }
  const up = await figure.locator('.word.up').allTextContents();
  assert.ok(up.some((w) => /idiot|stupid|shit|kill|worthless/i.test(w)), `no toxic word is marked as raising the score: ${up.join(', ')}`);
  assert.match(await figure.textContent(), /Words that moved it most: .*(idiot|stupid|shit|kill|worthless)/i);
});

test('"About the models" lists every committed model, with its card where one is committed', async () => {
  const sidecars = readdirSync(modelsDir).filter((f) => f.endsWith('.json'));
  assert.ok(sidecars.length > 0, `no models/*.json in ${modelsDir}`);
  const panel = page.getByTestId('models');
  for (const file of sidecars) {
    const name = basename(file, '.json');
    const entry = panel.locator(`details[data-model="${name}"]`);
    assert.equal(await entry.count(), 1, `no entry for ${name}`);
    await entry.evaluate((node) => { node.open = true; });
    const text = await entry.textContent();
    const card = join(modelsDir, `${name}.md`);
    if (existsSync(card)) {
      const heading = readFileSync(card, 'utf8').match(/^#{1,6}\s+(.+)$/m)?.[1].replace(/[`*]/g, '');
      assert.ok(heading && text.includes(heading), `${name}: the card's heading "${heading}" is not shown`);
    } else {
      assert.match(text, /No model card committed yet/, `${name}: has no card, and the panel does not say so`);
    }
  }
});

test('policy: the mode switch follows the engine, a mask applies, JSON errors point at their line', async () => {
  await typePrompt(PROMPT);
  // The replacement modes offered are exactly what the engine accepts, and the note says so.
  const note = await page.locator('#operators-note').textContent();
  const accepted = note.match(/Operators this engine accepts: ([a-z, ]+)\./)[1].split(', ');
  assert.ok(accepted.includes('placeholder') && accepted.includes('mask'), note);
  for (const radio of await page.locator('input[name=mode]').all()) {
    const value = await radio.getAttribute('value');
    assert.equal(await radio.isDisabled(), !accepted.includes(value), `mode ${value}: enabled must mean accepted (${note})`);
  }

  await page.getByRole('radio', { name: /Masks/ }).check();
  // A masked card keeps its separators and last four digits: "**** **** **** 1111".
  await page.waitForFunction(() => /\*{4}[ -]?1111/.test(document.querySelector('[data-testid="redacted"]').textContent));
  assert.ok(!(await redacted().textContent()).includes(EMAIL));

  const json = page.getByLabel(/Policy overrides/);
  await json.fill('{\n  "default": {\n    "operator": "mask",\n  }\n}');
  await page.getByTestId('policy-error').getByText(/Line 4/).waitFor();
  await json.fill('{\n  "entities": {\n    "EMAIL_ADDRESS": { "min_score": 7 }\n  }\n}');
  await page.getByTestId('policy-error').getByText(/Line 3/).waitFor();
  assert.match(await page.getByTestId('policy-error').textContent(), /min_score/);
  assert.equal(await json.getAttribute('aria-invalid'), 'true');

  await page.getByRole('button', { name: 'Reset to the default policy' }).click();
  await page.waitForFunction(() => /\[EMAIL_ADDRESS_1\]/.test(document.querySelector('[data-testid="redacted"]').textContent));
  assert.equal(await page.getByTestId('policy-error').textContent(), '');
});

test('pseudonyms: the model receives stand-ins, and a reply using them is restored', async (t) => {
  await typePrompt(PROMPT);
  const radio = page.getByRole('radio', { name: /Pseudonyms/ });
  if ((await radio.count()) === 0 || (await radio.isDisabled())) {
    t.skip(`this engine build does not accept the pseudonym operator: "${await page.locator('#operators-note').textContent()}"`);
    return;
  }
  await radio.check();
  await page.waitForFunction(() => !/\[EMAIL_ADDRESS_1\]/.test(document.querySelector('[data-testid="redacted"]').textContent));
  const sent = await redacted().textContent();
  assert.ok(!sent.includes(EMAIL) && !sent.includes(CARD), `a value leaked under pseudonyms: ${sent}`);
  await page.getByRole('button', { name: 'Write a reply using what the model received' }).click();
  await page.waitForFunction((e) => document.querySelector('[data-testid="restored"]').textContent.includes(e), EMAIL);
  assert.ok((await restored().textContent()).includes(CARD), `the card's stand-in was not restored: ${await restored().textContent()}`);
  await page.getByRole('button', { name: 'Reset to the default policy' }).click();
  await page.waitForFunction(() => /\[EMAIL_ADDRESS_1\]/.test(document.querySelector('[data-testid="redacted"]').textContent));
});

test('keyboard only: reach the prompt, type, and read a finding from its mark', async () => {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.evaluate(() => document.activeElement?.blur());
  const focusedId = () => page.evaluate(() => document.activeElement?.id);
  for (let i = 0; i < 5 && (await focusedId()) !== 'prompt'; i += 1) await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'prompt', 'Tab does not reach the prompt within 5 presses');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`Write to ${EMAIL} today.`);
  await page.waitForFunction(() => document.querySelector('mark.finding') !== null && /Write to/.test(document.getElementById('highlighted').textContent));
  for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.matches('mark.finding'))); i += 1) await page.keyboard.press('Tab');
  const tooltip = page.locator('#tooltip');
  assert.ok(await tooltip.isVisible(), 'focusing a finding shows no details');
  assert.match(await tooltip.textContent(), /TypeEMAIL_ADDRESS.*Found byrule generic\.email.*Actionredact/s);
  await page.keyboard.press('Escape');
  assert.ok(await tooltip.isHidden(), 'Escape does not close the details');
});

test('axe-core finds no serious or critical accessibility violations', async () => {
  await typePrompt(PROMPT);
  for (const d of await page.locator('details').all()) await d.evaluate((node) => { node.open = true; });
  // Evaluated, not added as a <script>: the page's CSP rightly refuses inline scripts.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const results = await page.evaluate(() => globalThis.axe.run());
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 8).map((n) => n.target).join(' | ')})`), []);
});

test('every request stays on the page origin, and the CSP refuses any other', async () => {
  assert.ok(requests.length >= 5, `only ${requests.length} requests were seen; the recorder is broken`);
  assert.ok(requests.some((u) => u.endsWith('/scrim/scrim_wasm_bg.wasm')), 'the wasm request was not seen (requests from the worker must be recorded too)');
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'requests left the page origin');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
});

test('no console errors in the page or its worker', () => {
  assert.deepEqual(consoleErrors, []);
});

test('a connection to another origin is refused by the page\'s CSP', async () => {
  // Last, in a page of its own: the refusal is itself logged as a console error.
  const probe = await page.context().newPage();
  await probe.goto(`${origin}/`);
  const violated = await probe.evaluate(async () => {
    const seen = new Promise((ok) => document.addEventListener('securitypolicyviolation', (e) => ok(e.effectiveDirective), { once: true }));
    const fetched = await fetch('http://192.0.2.1/collect').then(() => 'sent', () => 'refused');
    return [fetched, await seen];
  });
  assert.deepEqual(violated, ['refused', 'connect-src']);
  assert.ok(!requests.some((u) => u.includes('192.0.2.1')), 'the foreign fetch reached the network layer');
  await probe.close();
});
