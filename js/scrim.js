// The public JavaScript API of scrim, shared by the browser entry (index.js) and the Node entry
// (node.js). Each entry only says how the wasm module is loaded.
import { Engine, checkPolicy, lastPanic } from './scrim_wasm.js';

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

/** A trap inside wasm (a Rust panic) becomes an Error that says what happened. */
function asError(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    const why = lastPanic();
    const err = new Error(`scrim engine crashed${why ? `: ${why}` : ` (${e.message})`}; the instance was rebuilt`);
    err.cause = e;
    err.crashed = true;
    return err;
  }
  return e;
}

/** The result `protect` gives in failClosed mode when it cannot screen: block, and say why. */
function blocked(error) {
  return {
    text: null,
    findings: [],
    scores: {},
    decision: {
      action: 'block',
      reasons: [{ action: 'block', kind: 'error', name: 'engine', count: 1, score: 1, message: `not screened, so not sent: ${error.message}` }],
    },
    provenance: null,
  };
}

const CONSTRUCT = Symbol('scrim.construct');

/** A screening engine for one conversation. Create it with `await Scrim.create(policy)`. */
export class Scrim {
  #engine;
  #policy;
  #options;
  /** The vault as of the last successful protect, to rebuild the engine after a crash. */
  #vault = null;

  /** Resolves when the engine is ready (rejects if it cannot be built). */
  ready;

  constructor(token, policy = null, options = {}) {
    if (token !== CONSTRUCT) {
      throw new TypeError('use `await Scrim.create(policy)` (or `Scrim.open(policy)`) to make a Scrim');
    }
    this.#policy = policy;
    this.#options = options;
  }

  #build() {
    this.#engine = new Engine(this.#policy, randomKey(), Boolean(this.#options.audit));
    if (this.#options.vault !== undefined) this.importVault(this.#options.vault);
  }

  /** Build an engine; `load` makes sure the wasm module is instantiated first. */
  static async _create(load, policy, options = {}) {
    await load(options);
    const scrim = new this(CONSTRUCT, policy ?? null, options);
    scrim.#build();
    scrim.ready = Promise.resolve(scrim);
    return scrim;
  }

  /** An instance usable at once; it loads in the background (`await scrim.ready`). */
  static _open(load, policy, options = {}) {
    const scrim = new this(CONSTRUCT, policy ?? null, options);
    scrim.ready = Promise.resolve()
      .then(() => load(options))
      .then(() => {
        scrim.#build();
        return scrim;
      });
    // An unhandled rejection here would be noise: callers see the failure through `ready` or calls.
    scrim.ready.catch(() => {});
    return scrim;
  }

  /** Run `f` on the engine; after a trap, rebuild the engine (same policy, last vault) and rethrow. */
  #call(f) {
    if (!this.#engine) throw new Error('scrim is not ready yet: await scrim.ready (or Scrim.create)');
    try {
      return f(this.#engine);
    } catch (e) {
      const err = asError(e);
      if (err.crashed) {
        this.#engine = new Engine(this.#policy, randomKey(), Boolean(this.#options.audit));
        if (this.#vault) this.#engine.importVault(this.#vault);
      }
      throw err;
    }
  }

  /**
   * Findings, scores and the decision for `text`. Changes nothing; mints no placeholder.
   * `{ explain: true }` adds `explanations`: per-word contributions to each classifier score.
   */
  scan(text, options = {}) {
    requireString(text, 'scan(text)');
    return this.#call((e) => e.scan(text, Boolean(options.explain)));
  }

  /**
   * Screen a draft while it is being typed: call it on every keystroke with the whole text. Only
   * the paragraphs (text between blank lines) that changed since the last call are re-scanned, and
   * the result equals `scan` with the classifiers off: rule findings (PII, secrets, injection
   * heuristics) and their decision, with no `scores`. Run `scan` or `protect` when the person pauses
   * or sends for the classifiers' verdict.
   */
  scanDraft(text) {
    requireString(text, 'scanDraft(text)');
    return this.#call((e) => e.scanDraft(text));
  }

  /**
   * Screen `text` and return it as the hosted model may receive it, with findings and decision.
   * With `failClosed: true` (create option), an error gives a `block` decision instead of throwing.
   */
  protect(text, options = {}) {
    try {
      requireString(text, 'protect(text)');
      const out = this.#call((e) => e.protect(text, Boolean(options.explain)));
      if (out.findings.some((f) => f.replacement !== undefined)) this.#vault = this.#engine.exportVault();
      return out;
    } catch (e) {
      if (this.#options.failClosed) return blocked(e);
      throw e;
    }
  }

  /** Put real values back into a reply wherever it contains placeholders this conversation minted. */
  restore(text) {
    requireString(text, 'restore(text)');
    return this.#call((e) => e.restore(text));
  }

  /** A streaming restorer: `push(chunk)` returns what is safe to show, `finish()` the rest. */
  createRestorer() {
    const inner = this.#call((e) => e.createRestorer());
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
    return this.#call((e) => e.exportVault());
  }

  /** Continue a conversation from an exported vault. */
  importVault(json) {
    requireString(json, 'importVault(json)');
    this.#call((e) => e.importVault(json));
    this.#vault = json;
  }

  /**
   * The audit trail (create option `audit: true`) as JSON Lines: one record per protect with
   * timestamp, policy id, model digests, entity types and counts, scores, decision and what was
   * done — never the prompt or a value. Records are hash-chained (`prev`).
   */
  exportAudit() {
    return this.#call((e) => e.exportAudit());
  }

  /** The effective policy: the defaults with your overrides applied. */
  get policy() {
    return this.#call((e) => e.policy());
  }

  /** scrim version, policy id and model digests behind every result. */
  get provenance() {
    return this.#call((e) => e.provenance());
  }

  /** Release the wasm memory of this instance now instead of at garbage collection. */
  free() {
    this.#engine?.free();
    this.#engine = null;
  }

  /** `undefined` if `policy` is valid, else a message naming the field. Needs a created Scrim first. */
  static checkPolicy(policy) {
    return checkPolicy(policy);
  }
}
