// `scrim/ai-sdk`: middleware for the Vercel AI SDK (`ai`, a peer dependency). With
// `wrapLanguageModel({ model, middleware: scrimMiddleware({ scrim }) })` every call to the model
//   - sends the conversation protected: user (and assistant) text parts go through `protect`,
//     so the hosted model sees [EMAIL_ADDRESS_1]... and never the values;
//   - restores the reply: streamed text deltas through a restorer (a placeholder split across
//     deltas is held back only until it is complete), a generated result with `restore`;
//   - refuses a prompt the policy blocks with a ScrimBlockedError, before anything is sent.
// `scrim` is a Scrim from `scrim` or `scrim/worker` (whose calls are promises): one per
// conversation, so every turn shares one vault and a value keeps its placeholder.

import { ScrimBlockedError } from './blocked-error.js';

export { ScrimBlockedError };

const DEFAULT_ROLES = ['user', 'assistant'];

/**
 * @param {{ scrim: object, roles?: string[], onProtect?: (event: object) => void, restoreReasoning?: boolean }} options
 */
export function scrimMiddleware(options) {
  const { scrim, roles = DEFAULT_ROLES, onProtect, restoreReasoning = true } = options ?? {};
  if (!scrim || typeof scrim.protect !== 'function' || typeof scrim.createRestorer !== 'function') {
    throw new TypeError('scrimMiddleware({ scrim }): scrim must be a Scrim (from `scrim` or `scrim/worker`)');
  }
  const protectedRoles = new Set(roles);
  // Each turn resends the whole conversation: a text already screened is not screened again
  // (same vault, so it would get the same placeholders anyway).
  const seen = new Map();

  async function protectText(text, message) {
    let result = seen.get(text);
    if (!result) {
      result = await scrim.protect(text);
      if (result.decision.action !== 'block') seen.set(text, result);
    }
    if (result.decision.action === 'block') throw new ScrimBlockedError(result, message);
    return result;
  }

  async function protectPrompt(prompt) {
    const results = [];
    const out = [];
    for (const [index, message] of prompt.entries()) {
      if (!protectedRoles.has(message.role)) {
        out.push(message);
        continue;
      }
      const where = { role: message.role, index };
      if (typeof message.content === 'string') {
        const result = await protectText(message.content, where);
        results.push({ ...where, result });
        out.push({ ...message, content: result.text });
        continue;
      }
      const content = [];
      for (const part of message.content) {
        if (part.type === 'text' || (part.type === 'reasoning' && typeof part.text === 'string')) {
          const result = await protectText(part.text, where);
          results.push({ ...where, result });
          content.push({ ...part, text: result.text });
        } else {
          content.push(part);
        }
      }
      out.push({ ...message, content });
    }
    return { prompt: out, results };
  }

  const restoring = (type) => type === 'text' || (restoreReasoning && type === 'reasoning');

  return {
    specificationVersion: 'v4',
    async transformParams({ params }) {
      const { prompt, results } = await protectPrompt(params.prompt);
      onProtect?.({ results, prompt });
      return { ...params, prompt };
    },

    async wrapGenerate({ doGenerate }) {
      const result = await doGenerate();
      const content = [];
      for (const part of result.content ?? []) {
        content.push(restoring(part.type) ? { ...part, text: await scrim.restore(part.text) } : part);
      }
      return { ...result, content };
    },

    async wrapStream({ doStream }) {
      const { stream, ...rest } = await doStream();
      // One restorer per text (or reasoning) block: blocks may interleave.
      const open = new Map();
      const key = (part) => `${part.type.replace(/-(start|delta|end)$/, '')}:${part.id}`;
      const finish = async (k, part, controller) => {
        const restorer = open.get(k);
        if (!restorer) return;
        open.delete(k);
        const held = await restorer.finish();
        if (held) controller.enqueue({ type: `${k.split(':')[0]}-delta`, id: part?.id ?? k.slice(k.indexOf(':') + 1), delta: held });
      };
      const restored = new TransformStream({
        async transform(part, controller) {
          const kind = part.type.replace(/-(start|delta|end)$/, '');
          if (!restoring(kind) || part.type === kind) {
            // Before a step or the stream finishes, nothing may stay held back.
            if (part.type === 'finish' || part.type === 'finish-step' || part.type === 'error') {
              for (const k of [...open.keys()]) await finish(k, null, controller);
            }
            controller.enqueue(part);
            return;
          }
          const k = key(part);
          if (part.type.endsWith('-delta')) {
            let restorer = open.get(k);
            if (!restorer) {
              restorer = scrim.createRestorer();
              open.set(k, restorer);
            }
            const shown = await restorer.push(part.delta);
            if (shown) controller.enqueue({ ...part, delta: shown });
          } else if (part.type.endsWith('-end')) {
            await finish(k, part, controller);
            controller.enqueue(part);
          } else {
            controller.enqueue(part);
          }
        },
        async flush(controller) {
          for (const k of [...open.keys()]) await finish(k, null, controller);
        },
      });
      return { ...rest, stream: stream.pipeThrough(restored) };
    },
  };
}
