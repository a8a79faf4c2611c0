// The public JavaScript API of scrim, shared by the browser entry (index.js) and the Node entry
// (node.js). Each entry only says how the wasm module is loaded.
import { Engine, checkPolicy, lastPanic, __wbg_reset_state as resetInstance } from './scrim_wasm.js';
import { blocked } from './fail-closed.js';

/** A protect option that makes the engine trap (a Rust panic): for the crash-recovery tests only. */
const TRAP = Symbol.for('scrim.test.trap');

// The wasm instance's generation. A trap (a Rust panic) can leave the instance's memory half
// updated: allocator, module statics, the engine that was running. So after one, the module is
// instantiated afresh (`resetInstance`) and this number goes up; every engine built in an earlier
// generation went with the old memory, and each Scrim rebuilds its own on its next call from what
// it keeps in JS: the policy, the hash key, the vault and the audit trail.
let generation = 0;

/** An Error with a machine-readable `kind` (the `ScrimErrorKind` of index.d.ts). */
function scrimError(kind, message, cause) {
  const err = new Error(message, cause === undefined ? undefined : { cause });
  err.kind = kind;
  return err;
}

function argumentError(message) {
  const err = new TypeError(message);
  err.kind = 'argument';
  return err;
}

function requireString(value, what) {
  if (typeof value !== 'string') {
    throw argumentError(`${what}: expected a string, got ${value === null ? 'null' : typeof value}`);
  }
}

function randomKey() {
  const key = new Uint8Array(32);
  globalThis.crypto.getRandomValues(key);
  return key;
}

/** A trap inside wasm (a Rust panic, or its stack overflowing) is a crash. */
const isTrap = (e) => e instanceof WebAssembly.RuntimeError || e instanceof RangeError;

/**
 * What an exception from the engine becomes: the core's errors already carry a `kind`; a trap
 * becomes an Error of kind `crashed` that says what happened, after the module was instantiated
 * afresh so that nothing runs on in the memory the panic left behind.
 */
function asError(e) {
  if (isTrap(e)) {
    let why;
    try {
      why = lastPanic();
    } catch {
      // The instance may be too broken to say.
    }
    resetInstance();
    generation += 1;
    return scrimError('crashed', `scrim engine crashed${why ? `: ${why}` : ` (${e.message})`}; a fresh engine takes over with the same policy, key, vault and audit trail`, e);
  }
  if (e instanceof Error && e.kind === undefined) e.kind = 'internal';
  return e;
}


// --- Encrypted vault exports ----------------------------------------------------------------
// Format 1 of src/vault/sealed.rs (read that module's docs): AES-256-GCM under the caller's key, or
// under a key derived from a passphrase with PBKDF2-HMAC-SHA256 and a fresh salt; a key check value
// tells a wrong key apart from a changed export. The native CLI reads what this writes and back.

const utf8 = new TextEncoder();
const VAULT_AAD = utf8.encode('scrim vault 1');
const CHECK_AAD = utf8.encode('scrim vault key check');
const DEFAULT_ITERATIONS = 600_000;
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const vaultError = (message, cause) => scrimError('vault', `encrypted vault: ${message}`, cause);
const malformed = (message) => vaultError(`truncated or malformed: ${message}`);

const subtle = () => {
  const s = globalThis.crypto?.subtle;
  if (!s) throw vaultError('WebCrypto (crypto.subtle) is not available here; browsers offer it only on https:// and localhost pages');
  return s;
};

function base64(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

/** The bytes of base64 field `name`, of exactly `length` bytes when given. */
function bytesOf(name, value, length) {
  if (typeof value !== 'string' || !BASE64.test(value)) throw malformed(`${name} is not base64`);
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  if (length !== undefined && bytes.length !== length) throw malformed(`${name} is ${bytes.length} bytes, expected ${length}`);
  return bytes;
}

/** `object`'s keys are exactly `fields` (the native reader denies unknown fields too). */
function requireFields(object, fields, where) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) throw malformed(`${where} is not an object`);
  for (const f of fields) if (!Object.hasOwn(object, f)) throw malformed(`missing field \`${f}\`${where === 'the export' ? '' : ` in ${where}`}`);
  for (const f of Object.keys(object)) if (!fields.includes(f)) throw malformed(`unknown field \`${f}\`${where === 'the export' ? '' : ` in ${where}`}`);
}

const isEncrypted = (json) => {
  try {
    const v = JSON.parse(json);
    return v !== null && typeof v === 'object' && Object.hasOwn(v, 'scrim_vault');
  } catch {
    return false;
  }
};

/** `{ key }` or `{ passphrase }` from `options`, checked; `null` when neither is given. */
function secretOf(options, usage, what) {
  const hasKey = options?.key !== undefined;
  const hasPassphrase = options?.passphrase !== undefined;
  if (!hasKey && !hasPassphrase) return null;
  if (hasKey && hasPassphrase) throw argumentError(`${what}: give a key or a passphrase, not both`);
  if (hasKey) {
    const { key } = options;
    if (key?.type !== 'secret' || key.algorithm?.name !== 'AES-GCM' || key.algorithm.length !== 256) {
      throw argumentError(`${what}: key must be a WebCrypto AES-GCM CryptoKey of 256 bits`);
    }
    if (!key.usages.includes(usage)) throw argumentError(`${what}: the key's usages do not include "${usage}"`);
    return { key };
  }
  if (typeof options.passphrase !== 'string' || options.passphrase.length === 0) {
    throw argumentError(`${what}: passphrase must be a non-empty string`);
  }
  return { passphrase: options.passphrase };
}

async function derive(passphrase, salt, iterations) {
  const base = await subtle().importKey('raw', utf8.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** WebCrypto's own failures (a DOMException) as Errors of kind `vault`. */
async function withVaultErrors(what, f) {
  try {
    return await f();
  } catch (e) {
    if (e?.kind !== undefined) throw e;
    throw vaultError(`${what}: ${e?.message ?? e}`, e);
  }
}

/** The plain vault export `plain` sealed under `secret`, as the encrypted export's JSON. */
function seal(plain, secret) {
  return withVaultErrors('could not encrypt', () => sealWith(plain, secret));
}

async function sealWith(plain, secret) {
  let key = secret.key;
  let kdf = null;
  if (secret.passphrase !== undefined) {
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
    key = await derive(secret.passphrase, salt, DEFAULT_ITERATIONS);
    kdf = { name: 'PBKDF2-SHA256', iterations: DEFAULT_ITERATIONS, salt: base64(salt) };
  }
  const checkIv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const tag = await subtle().encrypt({ name: 'AES-GCM', iv: checkIv, additionalData: CHECK_AAD }, key, new Uint8Array(0));
  const ciphertext = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: VAULT_AAD }, key, utf8.encode(plain));
  return JSON.stringify({ scrim_vault: 1, alg: 'A256GCM', kdf, check: { iv: base64(checkIv), tag: base64(tag) }, iv: base64(iv), ciphertext: base64(ciphertext) });
}

/**
 * The plain vault export inside encrypted export `json`. Checks the shape, then the key, then the
 * ciphertext's tag, as the native reader does; every failure is an Error of kind `vault` that
 * says which (truncated or malformed, wrong key, changed after it was written).
 */
function unseal(json, secret) {
  return withVaultErrors('could not decrypt', () => unsealWith(json, secret));
}

async function unsealWith(json, secret) {
  let sealed;
  try {
    sealed = JSON.parse(json);
  } catch (e) {
    throw malformed(`not JSON (${e.message})`);
  }
  requireFields(sealed, ['scrim_vault', 'alg', 'kdf', 'check', 'iv', 'ciphertext'], 'the export');
  if (sealed.scrim_vault !== 1) throw vaultError(`unsupported scrim_vault ${JSON.stringify(sealed.scrim_vault)}`);
  if (sealed.alg !== 'A256GCM') throw vaultError(`unsupported alg ${JSON.stringify(sealed.alg)}`);
  if (sealed.kdf === null && secret.key === undefined) throw vaultError('this export needs a key, not a passphrase');
  if (sealed.kdf !== null && secret.key !== undefined) throw vaultError('this export needs a passphrase, not a key');
  let salt;
  if (sealed.kdf !== null) {
    requireFields(sealed.kdf, ['name', 'iterations', 'salt'], 'kdf');
    if (sealed.kdf.name !== 'PBKDF2-SHA256') throw vaultError(`unsupported kdf ${JSON.stringify(sealed.kdf.name)}`);
    const n = sealed.kdf.iterations;
    if (!Number.isInteger(n) || n < MIN_ITERATIONS || n > MAX_ITERATIONS) {
      throw vaultError(`unsupported kdf.iterations ${JSON.stringify(n)} (accepted: ${MIN_ITERATIONS} to ${MAX_ITERATIONS})`);
    }
    salt = bytesOf('kdf.salt', sealed.kdf.salt, 16);
  }
  requireFields(sealed.check, ['iv', 'tag'], 'check');
  const checkIv = bytesOf('check.iv', sealed.check.iv, 12);
  const tag = bytesOf('check.tag', sealed.check.tag, 16);
  const iv = bytesOf('iv', sealed.iv, 12);
  const ciphertext = bytesOf('ciphertext', sealed.ciphertext);
  if (ciphertext.length < 16) throw malformed(`ciphertext is ${ciphertext.length} bytes, shorter than its tag`);
  const key = secret.key ?? await derive(secret.passphrase, salt, sealed.kdf.iterations);
  try {
    await subtle().decrypt({ name: 'AES-GCM', iv: checkIv, additionalData: CHECK_AAD }, key, tag);
  } catch (e) {
    throw vaultError('wrong key (or passphrase)', e);
  }
  let plain;
  try {
    plain = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: VAULT_AAD }, key, ciphertext);
  } catch (e) {
    throw vaultError('the export was changed after it was written (authentication failed)', e);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch (e) {
    throw vaultError('the vault inside is not UTF-8', e);
  }
}

/** The plain vault of create options `{ vault, key }` / `{ vault, passphrase }` / `{ vault }`. */
async function vaultOf(options) {
  const secret = secretOf(options, 'decrypt', 'Scrim.create options');
  if (options.vault === undefined) {
    if (secret) throw argumentError('Scrim.create options: a key or passphrase was given without a vault');
    return undefined;
  }
  requireString(options.vault, 'Scrim.create options.vault');
  if (secret) {
    if (!isEncrypted(options.vault)) throw vaultError('options.vault is a plain export, not an encrypted one (exportVault({ key }) or exportVault({ passphrase }))');
    return unseal(options.vault, secret);
  }
  if (isEncrypted(options.vault)) throw vaultError('options.vault is encrypted: pass its key or passphrase with it ({ vault, key } or { vault, passphrase })');
  return options.vault;
}

const CONSTRUCT = Symbol('scrim.construct');

/** A screening engine for one conversation. Create it with `await Scrim.create(policy)`. */
export class Scrim {
  #engine = null;
  /** The wasm instance generation #engine lives in. */
  #generation = -1;
  #policy;
  #options;
  /** The hash operator's key: the same for the whole conversation, across rebuilds. */
  #key = randomKey();
  /** The vault as of the last successful change (plain export), to rebuild the engine after a crash. */
  #vault = null;
  /** The audit trail so far (JSON Lines) and its number of records, kept to resume after a crash. */
  #trail = '';
  #records = 0;
  #provenance = null;

  /** Resolves when the engine is ready (rejects if it cannot be built). */
  ready;

  constructor(token, policy = null, options = {}) {
    if (token !== CONSTRUCT) {
      throw new TypeError('use `await Scrim.create(policy)` (or `Scrim.open(policy)`) to make a Scrim');
    }
    this.#policy = policy;
    this.#options = options;
  }

  /** A new engine in the current wasm instance, holding this conversation's vault and audit trail. */
  #build() {
    let engine;
    try {
      engine = new Engine(this.#policy, this.#key, Boolean(this.#options.audit));
      if (this.#vault !== null) engine.importVault(this.#vault);
      if (this.#records > 0) engine.resumeAudit(this.#trail);
      this.#provenance ??= engine.provenance();
    } catch (e) {
      if (!isTrap(e)) engine?.free();
      throw asError(e);
    }
    this.#engine = engine;
    this.#generation = generation;
  }

  /** The first build: `vault` is the plain export of the create options' vault, if any. */
  #start(vault) {
    if (vault !== undefined) this.#vault = vault;
    this.#build();
  }

  /** Build an engine; `load` makes sure the wasm module is instantiated first. */
  static async _create(load, policy, options = {}) {
    const scrim = new this(CONSTRUCT, policy ?? null, options);
    try {
      await load(options);
      scrim.#start(await vaultOf(options));
    } catch (e) {
      throw asError(e);
    }
    scrim.ready = Promise.resolve(scrim);
    return scrim;
  }

  /** An instance usable at once; it loads in the background (`await scrim.ready`). */
  static _open(load, policy, options = {}) {
    const scrim = new this(CONSTRUCT, policy ?? null, options);
    scrim.ready = Promise.resolve()
      .then(() => load(options))
      .then(() => vaultOf(options))
      .then((vault) => {
        scrim.#start(vault);
        return scrim;
      })
      .catch((e) => {
        throw asError(e);
      });
    // An unhandled rejection here would be noise: callers see the failure through `ready` or calls.
    scrim.ready.catch(() => {});
    return scrim;
  }

  /**
   * Run `f` on the engine. An engine lost with a crashed wasm instance (this one's or another
   * Scrim's) is rebuilt first; a trap in `f` starts a fresh instance and throws a `crashed` Error.
   */
  #call(f) {
    if (!this.#engine) throw scrimError('not-ready', 'scrim is not ready yet: await scrim.ready (or Scrim.create)');
    if (this.#generation !== generation) this.#build();
    try {
      return f(this.#engine);
    } catch (e) {
      throw asError(e);
    }
  }

  /** After a call that may have changed the vault or the audit trail: keep their new state in JS. */
  #keep(engine, vaultChanged) {
    if (vaultChanged) this.#vault = engine.exportVault();
    if (this.#options.audit) {
      const added = engine.auditSince(this.#records);
      if (added) {
        this.#trail += added;
        this.#records += added.split('\n').length - 1;
      }
    }
  }

  /**
   * Findings, scores and the decision for `text`. Changes nothing; mints no placeholder.
   * `{ explain: true }` adds `explanations`: per-word contributions to each classifier score.
   */
  scan(text, options = {}) {
    requireString(text, 'scan(text)');
    return this.#call((e) => {
      const out = e.scan(text, Boolean(options?.explain));
      this.#keep(e, false);
      return out;
    });
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
      return this.#call((e) => {
        if (options?.[TRAP] === true) e.__trapForTest(text);
        const out = e.protect(text, Boolean(options?.explain));
        this.#keep(e, out.findings.some((f) => f.replacement !== undefined));
        return out;
      });
    } catch (e) {
      if (this.#options.failClosed) return blocked(e, this.#provenance);
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
    const open = () => this.#call((e) => ({ inner: e.createRestorer(), built: generation }));
    let restorer = open();
    // What the restorer holds back, kept here so that a restorer lost with a crashed instance can
    // be replaced without losing it.
    let held = '';
    let done = false;
    const run = (f) => {
      if (restorer.built !== generation) {
        restorer = open();
        if (held) restorer.inner.push(held);
      }
      try {
        const out = f(restorer.inner);
        held = restorer.inner.heldText();
        return out;
      } catch (e) {
        throw asError(e);
      }
    };
    return {
      push(chunk) {
        requireString(chunk, 'push(chunk)');
        if (done) throw scrimError('argument', 'push(chunk): the restorer is finished');
        return run((r) => r.push(chunk));
      },
      finish() {
        if (done) return '';
        const rest = run((r) => r.finish());
        done = true;
        restorer.inner.free();
        return rest;
      },
    };
  }

  /**
   * The vault, to keep a conversation across reloads. Without arguments: its plain JSON, which
   * holds the original values. With `{ key }` (a WebCrypto AES-GCM CryptoKey) or `{ passphrase }`:
   * a Promise of the encrypted export (the format of the native CLI's `--vault-out`).
   */
  exportVault(secret) {
    if (secret === undefined) return this.#call((e) => e.exportVault());
    const checked = secretOf(secret, 'encrypt', 'exportVault');
    if (!checked) throw argumentError('exportVault: expected { key } or { passphrase }');
    return seal(this.#call((e) => e.exportVault()), checked);
  }

  /**
   * Continue a conversation from an exported vault. A plain export is imported at once; with
   * `{ key }` or `{ passphrase }`, an encrypted one is decrypted first and a Promise returned.
   * Either way a vault that does not open or does not check out changes nothing.
   */
  importVault(json, secret) {
    requireString(json, 'importVault(json)');
    const put = (plain) => {
      this.#call((e) => e.importVault(plain));
      this.#vault = plain;
    };
    if (secret === undefined) {
      if (isEncrypted(json)) throw vaultError('this export is encrypted: importVault(json, { key }) or importVault(json, { passphrase })');
      put(json);
      return undefined;
    }
    const checked = secretOf(secret, 'decrypt', 'importVault');
    if (!checked) throw argumentError('importVault: expected { key } or { passphrase }');
    return unseal(json, checked).then(put);
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
    // An engine of an earlier instance went with that instance's memory.
    if (this.#generation === generation) this.#engine?.free();
    this.#engine = null;
  }

  /** `undefined` if `policy` is valid, else a message naming the field. Needs a created Scrim first. */
  static checkPolicy(policy) {
    return checkPolicy(policy);
  }
}
