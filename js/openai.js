// `scrim/openai`: the official `openai` client (a peer dependency), protected. `withScrim(client,
// { scrim })` returns an object whose `chat.completions.create` and `responses.create` take the
// same parameters as the client's and
//   - send user (and assistant) text through `protect`: the API sees [PERSON_1]..., never the values;
//   - restore the reply: a whole result with `restore`, a stream (`stream: true`) through a
//     restorer per output, holding back only a placeholder still incomplete at a chunk's end;
//   - refuse a prompt the policy blocks with a ScrimBlockedError, before any request is made.
// Everything else is the client's own (`wrapped.client`). `scrim` is one Scrim per conversation,
// from `scrim` or `scrim/worker`.
import { ScrimBlockedError } from './blocked-error.js';

export { ScrimBlockedError };

const DEFAULT_ROLES = ['user', 'assistant'];

function protector(scrim, roles, onProtect) {
  const protectedRoles = new Set(roles);
  const results = [];
  async function text(value, where) {
    const result = await scrim.protect(value);
    if (result.decision.action === 'block') throw new ScrimBlockedError(result, where);
    results.push({ ...where, result });
    return result.text;
  }
  async function content(value, where) {
    if (typeof value === 'string') return text(value, where);
    if (!Array.isArray(value)) return value;
    const out = [];
    for (const part of value) {
      const textual = ['text', 'input_text', 'output_text'].includes(part?.type) && typeof part.text === 'string';
      out.push(textual ? { ...part, text: await text(part.text, where) } : part);
    }
    return out;
  }
  async function messages(list) {
    const out = [];
    for (const [index, message] of list.entries()) {
      const role = message.role ?? (message.type === 'message' ? 'user' : undefined);
      out.push(role && protectedRoles.has(role) && message.content !== undefined && message.content !== null
        ? { ...message, content: await content(message.content, { role, index }) }
        : message);
    }
    return out;
  }
  const done = () => onProtect?.({ results });
  return { messages, text, done };
}

/** Restorers by key (a choice, an output part), created on first use. */
function restorers(scrim) {
  const open = new Map();
  return {
    push(key, chunk) {
      if (!open.has(key)) open.set(key, scrim.createRestorer());
      return open.get(key).push(chunk);
    },
    async finish(key) {
      const r = open.get(key);
      if (!r) return '';
      open.delete(key);
      return r.finish();
    },
    keys: () => [...open.keys()],
  };
}

/** An async iterable over `source` whose items `map` turns into zero or more items; `flush` at the end. */
function mapStream(source, map, flush) {
  return {
    controller: source.controller,
    async *[Symbol.asyncIterator]() {
      for await (const item of source) yield* await map(item);
      yield* await flush();
    },
  };
}

function chatCompletions(client, scrim, roles, onProtect) {
  return async function create(params, options) {
    const guard = protector(scrim, roles, onProtect);
    const sent = { ...params, messages: await guard.messages(params.messages ?? []) };
    guard.done();
    const reply = await client.chat.completions.create(sent, options);
    if (!params.stream) {
      const choices = [];
      for (const choice of reply.choices) {
        const message = choice.message;
        choices.push(typeof message?.content === 'string' ? { ...choice, message: { ...message, content: await scrim.restore(message.content) } } : choice);
      }
      return { ...reply, choices };
    }
    const open = restorers(scrim);
    let last = null;
    return mapStream(reply, async (chunk) => {
      last = chunk;
      const choices = [];
      for (const choice of chunk.choices) {
        let content = choice.delta?.content;
        if (typeof content === 'string' && content !== '') content = await open.push(choice.index, content);
        // The choice's last chunk: nothing may stay held back.
        if (choice.finish_reason) content = (content ?? '') + await open.finish(choice.index);
        choices.push(content === choice.delta?.content ? choice : { ...choice, delta: { ...choice.delta, content } });
      }
      return [{ ...chunk, choices }];
    }, async () => {
      // A stream cut short without finish_reason: what was held back comes in one last chunk.
      const choices = [];
      for (const index of open.keys()) choices.push({ index, delta: { content: await open.finish(index) }, finish_reason: null });
      return choices.length ? [{ ...(last ?? {}), choices }] : [];
    });
  };
}

async function restoreOutput(scrim, output) {
  const items = [];
  for (const item of output ?? []) {
    if (item.type !== 'message' || !Array.isArray(item.content)) {
      items.push(item);
      continue;
    }
    const content = [];
    for (const part of item.content) {
      content.push(part.type === 'output_text' ? { ...part, text: await scrim.restore(part.text) } : part);
    }
    items.push({ ...item, content });
  }
  return items;
}

async function restoreResponse(scrim, response) {
  const output = await restoreOutput(scrim, response.output);
  const restored = { ...response, output };
  // The client adds `output_text` (all output text joined) to a response it returns.
  if (typeof response.output_text === 'string') restored.output_text = await scrim.restore(response.output_text);
  return restored;
}

function responses(client, scrim, roles, onProtect) {
  return async function create(params, options) {
    const guard = protector(scrim, roles, onProtect);
    const input = typeof params.input === 'string'
      ? (roles.includes('user') ? await guard.text(params.input, { role: 'user', index: 0 }) : params.input)
      : await guard.messages(params.input ?? []);
    guard.done();
    const reply = await client.responses.create({ ...params, input }, options);
    if (!params.stream) return restoreResponse(scrim, reply);
    const open = restorers(scrim);
    const key = (e) => `${e.item_id}:${e.content_index}`;
    return mapStream(reply, async (event) => {
      if (event.type === 'response.output_text.delta') {
        const delta = await open.push(key(event), event.delta);
        return delta ? [{ ...event, delta }] : [];
      }
      if (event.type === 'response.output_text.done') {
        const held = await open.finish(key(event));
        const text = await scrim.restore(event.text);
        return [...(held ? [{ ...event, type: 'response.output_text.delta', delta: held }] : []), { ...event, text }];
      }
      if (event.type === 'response.content_part.done' && event.part?.type === 'output_text') {
        return [{ ...event, part: { ...event.part, text: await scrim.restore(event.part.text) } }];
      }
      if (event.type === 'response.output_item.done') {
        return [{ ...event, item: (await restoreOutput(scrim, [event.item]))[0] }];
      }
      if (event.type === 'response.completed' || event.type === 'response.incomplete') {
        return [{ ...event, response: await restoreResponse(scrim, event.response) }];
      }
      return [event];
    }, async () => {
      const held = [];
      for (const k of open.keys()) {
        const delta = await open.finish(k);
        const [item_id, content_index] = k.split(':');
        if (delta) held.push({ type: 'response.output_text.delta', item_id, content_index: Number(content_index), delta });
      }
      return held;
    });
  };
}

/**
 * @param {object} client an `OpenAI` client
 * @param {{ scrim: object, roles?: string[], onProtect?: (event: object) => void }} options
 */
export function withScrim(client, options) {
  const { scrim, roles = DEFAULT_ROLES, onProtect } = options ?? {};
  if (!client?.chat?.completions?.create || !client?.responses?.create) {
    throw new TypeError('withScrim(client, { scrim }): client must be an OpenAI client (new OpenAI({ ... }))');
  }
  if (!scrim || typeof scrim.protect !== 'function' || typeof scrim.createRestorer !== 'function') {
    throw new TypeError('withScrim(client, { scrim }): scrim must be a Scrim (from `scrim` or `scrim/worker`)');
  }
  return {
    client,
    chat: { completions: { create: chatCompletions(client, scrim, roles, onProtect) } },
    responses: { create: responses(client, scrim, roles, onProtect) },
  };
}
