// A stand-in for a hosted model, for the chat example and the tests: it speaks the OpenAI Chat
// Completions and Responses APIs (JSON, or SSE when `stream: true`) on loopback, and answers by
// echoing the last user message it received — so whatever placeholders it was sent come back in
// the reply, cut into small deltas that split them, the hard case for restoring a stream.
// Every request body is kept in `received`, to check what would have left the browser.
//
//   import { mockModel } from './mock-model.mjs'; const model = mockModel(); server.on('request', model.handle)
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The reply to a prompt: the last user text, quoted. */
export function echo(text) {
  return `You said: ${text}`;
}

/** `text` cut into pieces of 1-5 characters (deterministic), so placeholders are split. */
export function deltas(text) {
  const out = [];
  for (let i = 0, n = 0; i < text.length; n++) {
    const size = 1 + ((n * 7) % 5);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

const lastUserText = (messages) => {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.filter((p) => typeof p.text === 'string').map((p) => p.text).join('\n');
};

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(body || '{}'));
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

const sse = (res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  return (data, event) => res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
};

function chatCompletions(body, res, delayMs) {
  const reply = echo(lastUserText(body.messages ?? []));
  const base = { id: 'chatcmpl-mock', created: 1700000000, model: body.model ?? 'mock' };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      ...base, object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: reply, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    }));
    return Promise.resolve();
  }
  const send = sse(res);
  const chunk = (delta, finish = null) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  return (async () => {
    send(chunk({ role: 'assistant', content: '' }));
    for (const piece of deltas(reply)) {
      send(chunk({ content: piece }));
      if (delayMs) await new Promise((ok) => setTimeout(ok, delayMs));
    }
    send(chunk({}, 'stop'));
    send('[DONE]');
    res.end();
  })();
}

function responses(body, res, delayMs) {
  const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }]
    : (body.input ?? []).map((item) => ({ role: item.role, content: typeof item.content === 'string' ? item.content : (item.content ?? []).map((p) => ({ text: p.text })) }));
  const reply = echo(lastUserText(input));
  const message = (text) => ({ id: 'msg_mock', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] });
  const response = (status, output) => ({ id: 'resp_mock', object: 'response', created_at: 1700000000, model: body.model ?? 'mock', status, output, error: null, incomplete_details: null, usage: null });
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response('completed', [message(reply)])));
    return Promise.resolve();
  }
  const send = sse(res);
  let seq = 0;
  const event = (type, fields) => send({ type, sequence_number: seq++, ...fields }, type);
  return (async () => {
    event('response.created', { response: response('in_progress', []) });
    event('response.output_item.added', { output_index: 0, item: { ...message(''), status: 'in_progress', content: [] } });
    event('response.content_part.added', { item_id: 'msg_mock', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    for (const piece of deltas(reply)) {
      event('response.output_text.delta', { item_id: 'msg_mock', output_index: 0, content_index: 0, delta: piece, logprobs: [] });
      if (delayMs) await new Promise((ok) => setTimeout(ok, delayMs));
    }
    event('response.output_text.done', { item_id: 'msg_mock', output_index: 0, content_index: 0, text: reply, logprobs: [] });
    event('response.content_part.done', { item_id: 'msg_mock', output_index: 0, content_index: 0, part: { type: 'output_text', text: reply, annotations: [] } });
    event('response.output_item.done', { output_index: 0, item: message(reply) });
    event('response.completed', { response: response('completed', [message(reply)]) });
    res.end();
  })();
}

/**
 * A request handler for the two endpoints (under any prefix ending in /chat/completions or
 * /responses). `delayMs` between streamed deltas. Calls `next(req, res)` for anything else.
 */
export function mockModel({ delayMs = 0, next } = {}) {
  const received = [];
  async function handle(req, res) {
    const path = new URL(req.url, 'http://localhost').pathname;
    const api = path.endsWith('/chat/completions') ? chatCompletions : path.endsWith('/responses') ? responses : null;
    if (!api || req.method !== 'POST') {
      if (next) return next(req, res);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return undefined;
    }
    let body;
    try {
      body = await readJson(req);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'the body is not JSON' } }));
      return undefined;
    }
    received.push({ path, body });
    return api(body, res, delayMs);
  }
  return { handle, received };
}

/** Listen on 127.0.0.1:`port` (0 = any). Resolves to { server, url, received }. */
export function serveMockModel(options = {}, port = 0) {
  const model = mockModel(options);
  const server = createServer(model.handle);
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/v1`, received: model.received })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveMockModel({ delayMs: 20 }, Number(process.argv[2] ?? 0));
  console.log(`mock model: ${url}  (Ctrl-C to stop)`);
}
