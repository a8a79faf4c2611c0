// The public JavaScript API of scrim, shared by the browser entry (index.js) and the Node entry
// (node.js). Each entry only says how the wasm module is loaded.
import { Engine, checkPolicy } from './scrim_wasm.js';

function requireString(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what}: expected a string, got ${value === null ? 'null' : typeof value}`);
  }
}

function randomKey() {
  const key = new Uint8Array(32);
  globalThis.crypto.getRandomValues(key);
  return key;
}

/** A screening engine for one conversation. Create it with `await Scrim.create(policy)`. */
export class Scrim {
  #engine;

  constructor(engine) {
    if (!(engine instanceof Engine)) {
      throw new TypeError('use `await Scrim.create(policy)` to make a Scrim');
    }
    this.#engine = engine;
  }

  /** Build an engine; `load` makes sure the wasm module is instantiated first. */
  static async _create(load, policy, options = {}) {
    await load(options);
    const engine = new Engine(policy ?? null, randomKey());
    const scrim = new this(engine);
    if (options.vault !== undefined) scrim.importVault(options.vault);
    return scrim;
  }

  /** Findings, scores and the decision for `text`. Changes nothing; mints no placeholder. */
  scan(text) {
    requireString(text, 'scan(text)');
    return this.#engine.scan(text);
  }

  /** Screen `text` and return `text` as the hosted model may receive it, with findings and decision. */
  protect(text) {
    requireString(text, 'protect(text)');
    return this.#engine.protect(text);
  }

  /** Put real values back into a reply wherever it contains placeholders this conversation minted. */
  restore(text) {
    requireString(text, 'restore(text)');
    return this.#engine.restore(text);
  }

  /** A streaming restorer: `push(chunk)` returns what is safe to show, `finish()` the rest. */
  createRestorer() {
    const inner = this.#engine.createRestorer();
    let done = false;
    return {
      push(chunk) {
        requireString(chunk, 'push(chunk)');
        if (done) throw new Error('push(chunk): the restorer is finished');
        return inner.push(chunk);
      },
      finish() {
        if (done) return '';
        done = true;
        const rest = inner.finish();
        inner.free();
        return rest;
      },
    };
  }

  /** The vault as JSON, to keep a conversation across reloads. It holds the original values. */
  exportVault() {
    return this.#engine.exportVault();
  }

  /** Continue a conversation from an exported vault. */
  importVault(json) {
    requireString(json, 'importVault(json)');
    this.#engine.importVault(json);
  }

  /** The effective policy: the defaults with your overrides applied. */
  get policy() {
    return this.#engine.policy();
  }

  /** scrim version, policy id and model digests behind every result. */
  get provenance() {
    return this.#engine.provenance();
  }

  /** Release the wasm memory of this instance now instead of at garbage collection. */
  free() {
    this.#engine.free();
  }

  /** `undefined` if `policy` is valid, else a message naming the field. Needs a created Scrim first. */
  static checkPolicy(policy) {
    return checkPolicy(policy);
  }
}
