// A minimal chat UI over a hosted model, with scrim between them: each message is protected in
// scrim/worker's Worker, the model gets only what `protect` returns, its streamed reply is shown
// through a restorer. The model is the mock of scripts/mock-model.mjs, on this page's origin.
import { Scrim } from './scrim/worker.js';

const $ = (id) => document.getElementById(id);
const log = $('log');
const prompt = $('prompt');
const send = $('send');

// What the model has seen of the conversation: protected user turns and its own replies.
const history = [];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function entry(kind, who, ...children) {
  const li = el('li', { class: kind, 'data-testid': kind }, el('span', { class: 'who' }, who), ...children);
  log.append(li);
  return li;
}

/** The model's reply as a stream of text deltas (OpenAI Chat Completions SSE). */
async function* completion(messages) {
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock', stream: true, messages }),
  });
  if (!response.ok) throw new Error(`the model answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice(6);
        if (data === '[DONE]') return;
        const delta = JSON.parse(data).choices?.[0]?.delta?.content;
        if (delta) yield delta;
      }
    }
  }
}

async function turn(scrim, text) {
  const result = await scrim.protect(text);
  const action = result.decision.action;
  if (action === 'block') {
    const why = result.decision.reasons.filter((r) => r.action === 'block').map((r) => r.message).join('; ');
    entry('blocked', 'Not sent:', text, el('span', { class: 'warning' }, `blocked by the policy: ${why}`));
    return;
  }
  const user = entry('user', 'You:', text, el('span', { class: 'sent', 'data-testid': 'sent' }, `sent to the model: ${result.text}`));
  if (action === 'warn') {
    for (const r of result.decision.reasons.filter((reason) => reason.action === 'warn')) {
      user.append(el('span', { class: 'warning', 'data-testid': 'warning' }, `warning: ${r.message}`));
    }
  }
  history.push({ role: 'user', content: result.text });
  const answer = entry('assistant', 'Model:');
  answer.dataset.streaming = 'true';
  const shown = el('span', { 'data-testid': 'answer' });
  answer.append(shown);
  const restorer = scrim.createRestorer();
  let raw = '';
  try {
    for await (const delta of completion(history)) {
      raw += delta;
      shown.textContent += await restorer.push(delta);
    }
  } finally {
    shown.textContent += await restorer.finish();
    answer.dataset.streaming = 'false';
  }
  history.push({ role: 'assistant', content: raw });
}

async function start() {
  const scrim = await Scrim.create();
  $('status').textContent = `ready: scrim ${(await scrim.provenance).scrim}, screening in a Web Worker`;
  document.body.dataset.engine = 'ready';
  prompt.disabled = false;
  send.disabled = false;
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = prompt.value.trim();
    if (!text) return;
    prompt.value = '';
    send.disabled = true;
    try {
      await turn(scrim, text);
    } catch (e) {
      entry('blocked', 'Error:', e.message);
    } finally {
      send.disabled = false;
      prompt.focus();
    }
  });
}

start().catch((e) => {
  $('status').textContent = `failed: ${e.message}`;
  document.body.dataset.engine = 'failed';
});
