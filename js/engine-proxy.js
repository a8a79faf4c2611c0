// The calling side of `scrim/worker`: the API of Scrim, every call a promise answered by an
// engine elsewhere (a module Worker in browsers, the same thread in Node). See engine-host.js
// for the messages.
import { blocked } from './fail-closed.js';

/** An error sent back by the host, rebuilt: same message and name, `crashed`/`kind`... kept. */
function rebuild(data) {
  const Type = { TypeError, RangeError, SyntaxError }[data.name] ?? Error;
  const error = new Type(data.message);
  for (const [key, value] of Object.entries(data)) {
    if (key !== 'name' && key !== 'message') error[key] = value;
  }
  return error;
}


function requireString(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what}: expected a string, got ${value === null ? 'null' : typeof value}`);
  }
}

const CONSTRUCT = Symbol('scrim.worker.construct');

/** A screening engine for one conversation, off the main thread. `await Scrim.create(policy)`. */
export class Scrim {
  #channel;
  #options;
  #next = 0;
  #restorers = 0;
  #freed = false;

  /** Resolves to this instance when the engine is ready (rejects if it cannot be built). */
  ready;

  constructor(token, channel, options) {
    if (token !== CONSTRUCT) {
      throw new TypeError('use `await Scrim.create(policy)` (or `Scrim.open(policy)`) to make a Scrim');
    }
    this.#channel = channel;
    this.#options = options;
  }

  static _start(connect, policy, options = {}) {
    const channel = connect(options);
    const scrim = new this(CONSTRUCT, channel, options);
    const { wasm, worker, ...rest } = options;
    let sent;
    try {
      sent = { ...rest, ...channel.wasmOption(wasm) };
    } catch (e) {
      channel.close();
      throw e;
    }
    scrim.ready = scrim.#send({ op: 'create', policy: policy ?? null, options: sent }).then(() => scrim);
    return scrim;
  }

  static async _create(connect, policy, options) {
    const scrim = this._start(connect, policy, options);
    try {
      return await scrim.ready;
    } catch (e) {
      scrim.free();
      throw e;
    }
  }

  static _open(connect, policy, options) {
    const scrim = this._start(connect, policy, options);
    // Callers see a failure through `ready` or through their calls; unhandled it would be noise.
    scrim.ready.catch(() => {});
    return scrim;
  }

  async #send(message) {
    if (this.#freed) throw new Error('scrim/worker: this Scrim was freed');
    const answer = await this.#channel.send({ ...message, id: ++this.#next });
    if (!answer.ok) throw rebuild(answer.error);
    return answer.result;
  }

  #call(method, ...args) {
    return this.#send({ op: 'call', method, args });
  }

  /** Findings, scores and the decision for `text`. Changes nothing; mints no placeholder. */
  async scan(text, options = {}) {
    requireString(text, 'scan(text)');
    return this.#call('scan', text, { explain: Boolean(options.explain) });
  }

  /** Screen a draft while it is being typed (only changed paragraphs re-scanned; rules only). */
  async scanDraft(text) {
    requireString(text, 'scanDraft(text)');
    return this.#call('scanDraft', text);
  }

  /** Screen `text` and return it as the hosted model may receive it, with findings and decision. */
  async protect(text, options = {}) {
    try {
      requireString(text, 'protect(text)');
      return await this.#call('protect', text, { explain: Boolean(options.explain) });
    } catch (e) {
      // The engine applies failClosed to its own errors; this covers one that never loaded.
      if (this.#options.failClosed) return blocked(e);
      throw e;
    }
  }

  /** Put real values back into a reply wherever it contains placeholders this conversation minted. */
  async restore(text) {
    requireString(text, 'restore(text)');
    return this.#call('restore', text);
  }

  /**
   * A streaming restorer: `await push(chunk)` resolves to what is safe to show, `await finish()`
   * to the rest. Pushes are answered in order.
   */
  createRestorer() {
    const restorer = ++this.#restorers;
    const created = this.#send({ op: 'restorerCreate', restorer });
    created.catch(() => {});
    let done = false;
    const send = (message) => created.then(() => this.#send({ ...message, restorer }));
    return {
      async push(chunk) {
        requireString(chunk, 'push(chunk)');
        if (done) throw new Error('push(chunk): the restorer is finished');
        return send({ op: 'restorerPush', chunk });
      },
      async finish() {
        if (done) return '';
        done = true;
        return send({ op: 'restorerFinish' });
      },
    };
  }

  /** The vault as JSON, to keep a conversation across reloads. It holds the original values. */
  async exportVault(...args) {
    return this.#call('exportVault', ...args);
  }

  /** Continue a conversation from an exported vault. */
  async importVault(json, ...args) {
    requireString(json, 'importVault(json)');
    return this.#call('importVault', json, ...args);
  }

  /** The audit trail (create option `audit: true`) as JSON Lines; no prompt text, no values. */
  async exportAudit() {
    return this.#call('exportAudit');
  }

  /**
   * `undefined` if `policy` is valid, else a message naming the field. Builds a throwaway engine
   * with the classifiers off; on an instance, `scrim.checkPolicy(policy)` reuses its engine.
   */
  static async checkPolicy(policy, options) {
    const scrim = await this.create({ models: { toxicity: false, injection: false, ner: false } }, options);
    try {
      return await scrim.checkPolicy(policy);
    } finally {
      scrim.free();
    }
  }

  /** `undefined` if `policy` is valid, else a message naming the field. */
  async checkPolicy(policy) {
    return this.#call('checkPolicy', policy);
  }

  /** A promise of the effective policy: the defaults with your overrides applied. */
  get policy() {
    return this.#send({ op: 'get', property: 'policy' });
  }

  /** A promise of the scrim version, policy id and model digests behind every result. */
  get provenance() {
    return this.#send({ op: 'get', property: 'provenance' });
  }

  /** Release the engine now: its worker ends. Later calls reject. */
  free() {
    if (this.#freed) return;
    this.#freed = true;
    this.#channel.close();
  }
}
