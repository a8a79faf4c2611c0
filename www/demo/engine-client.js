// The demo's engine: scrim/worker, so every scan runs in the module Worker the package starts and
// typing never waits for one. The page asks for what it shows with `request(type, args)`:
//   init { policy }        build the engine, probe which operators it accepts
//   policy { policy }      validate, then rebuild the engine with it
//   protect { text }       the draft as it would be sent now (findings, scores, decision, text, ms)
//   restore { text }       a reply with the real values put back
//   stream-start | stream-push { chunk } | stream-finish    the streaming restorer
//
// Each draft is protected against the vault as it was when the engine was built, so the
// placeholders stay [EMAIL_ADDRESS_1], [CREDIT_CARD_1]... while the person edits, instead of a new
// one being minted for every half-typed value.
import { Scrim } from './scrim/worker.js';

// Every operator the demo knows how to offer; the engine says which of them it accepts.
const OPERATORS = ['placeholder', 'pseudonym', 'mask', 'hash', 'redact'];

export class EngineClient {
  #scrim = null;
  #emptyVault;
  #restorer;
  // null until we know whether this build's scan takes { explain: true }.
  #scanExplains = null;
  // One request at a time, in order: a rebuild never races a scan.
  #queue = Promise.resolve();

  async #build(policy) {
    const next = await Scrim.create(policy ?? null);
    this.#scrim?.free();
    this.#scrim = next;
    this.#emptyVault = await next.exportVault();
    this.#restorer = undefined;
  }

  // Explanations of classifier scores, if this build has them: from `protect`'s result, else from
  // `scan(text, { explain: true })`, tried once (a build without the option ignores it).
  async #explanations(text, result) {
    if (result.explanations !== undefined) return result.explanations;
    if (this.#scanExplains === false || Object.keys(result.scores ?? {}).length === 0) return undefined;
    const scanned = await this.#scrim.scan(text, { explain: true });
    this.#scanExplains = scanned.explanations !== undefined;
    return scanned.explanations;
  }

  #handlers = {
    init: async ({ policy }) => {
      const started = performance.now();
      await this.#build(policy);
      const loadMs = performance.now() - started;
      const checks = await Promise.all(OPERATORS.map((operator) => this.#scrim.checkPolicy({ default: { operator } })));
      return {
        loadMs,
        operators: OPERATORS.filter((_, i) => checks[i] === undefined),
        candidates: OPERATORS,
        policy: await this.#scrim.policy,
        provenance: await this.#scrim.provenance,
      };
    },
    policy: async ({ policy }) => {
      const error = await this.#scrim.checkPolicy(policy);
      if (error !== undefined) return { error };
      await this.#build(policy);
      return { error: null, policy: await this.#scrim.policy, provenance: await this.#scrim.provenance };
    },
    protect: async ({ text }) => {
      await this.#scrim.importVault(this.#emptyVault);
      const started = performance.now();
      const result = await this.#scrim.protect(text);
      const ms = performance.now() - started;
      const explained = await this.#explanations(text, result);
      return { ...result, explanations: explained, ms, bytes: new TextEncoder().encode(text).length };
    },
    restore: ({ text }) => this.#scrim.restore(text),
    'stream-start': async () => {
      await this.#restorer?.finish();
      this.#restorer = this.#scrim.createRestorer();
      return '';
    },
    'stream-push': ({ chunk }) => this.#restorer.push(chunk),
    'stream-finish': async () => {
      const rest = (await this.#restorer?.finish()) ?? '';
      this.#restorer = undefined;
      return rest;
    },
  };

  /** Run `{ type, ...args }`; resolves to its result, rejects with the engine's error. */
  request(type, args = {}) {
    const handler = this.#handlers[type];
    if (!handler) return Promise.reject(new Error(`engine: unknown request ${JSON.stringify(type)}`));
    const answer = this.#queue.then(() => handler(args));
    this.#queue = answer.catch(() => {});
    return answer;
  }
}
