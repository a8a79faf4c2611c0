// Types of scrim's JavaScript API. Offsets are UTF-16 code units (what String.prototype.slice uses).

import type { Decision, Policy as EffectivePolicy, Provenance, Report } from './types.js';

// The result and policy types are generated from the Rust structs (types.d.ts), so these
// declarations cannot drift from what the engine returns.
export type {
  Action,
  Confirmation,
  Decision,
  EntityRule,
  Explanation,
  ExplanationMethod,
  Finding,
  JudgedFinding,
  LabelExplanation,
  ModelInfo,
  Operator,
  Provenance,
  Reason,
  ReasonKind,
  Report,
  Source,
  SourceKind,
  Thresholds,
  WordContribution,
} from './types.js';

/** Classifier scores by label (`toxicity`, `severe_toxicity`, `obscene`, `threat`, `insult`, `identity_attack`, `prompt_injection`). */
export type Scores = Record<string, number>;

export interface ScanOptions {
  /** Add `explanations` (per-word contributions to each classifier score). */
  explain?: boolean;
}

/** The result of `scan` (offsets in UTF-16 code units). */
export type ScanResult = Omit<Report, 'text'>;

/** The result of `protect`: `text` is what the hosted model may receive. */
export type ProtectResult = ScreenedResult | FailClosedResult;

/** A prompt `protect` screened. */
export type ScreenedResult = ScanResult & {
  /** What the hosted model may receive. */
  text: string;
};

/**
 * What `protect` returns in failClosed mode when it could not screen: nothing may be sent. The one
 * reason has kind `error` and names the error's `kind` (`'not-ready'`, `'limit'`, `'crashed'`...).
 */
export type FailClosedResult = Omit<ScanResult, 'provenance' | 'explanations'> & {
  text: null;
  decision: Decision & { action: 'block' };
  /** The engine's provenance; `null` only when no engine was ever built (not ready yet, or it failed to build). */
  provenance: Provenance | null;
};

/**
 * What went wrong, in a form a program can branch on (`error.kind`):
 * - `policy`: the policy is invalid, a custom pattern included (the message names the field)
 * - `limit`: the input is over `policy.limits.max_input_bytes`; nothing was screened
 * - `vault`: a vault export did not open or does not check out (wrong key or passphrase,
 *   truncated or malformed, changed after it was written); nothing was imported
 * - `model`: a bundled model failed to load or run
 * - `audit`: an audit trail could not be resumed
 * - `crashed`: the engine trapped (a bug); a fresh one took over with the same policy, key, vault
 *   and audit trail, so the call may be retried
 * - `not-ready`: called before `ready` resolved
 * - `argument`: a wrong argument type (these are `TypeError`s)
 * - `internal`: anything else
 */
export type ScrimErrorKind = 'policy' | 'limit' | 'vault' | 'model' | 'audit' | 'crashed' | 'not-ready' | 'argument' | 'internal';

/** Every Error scrim throws or rejects with carries a `kind`. */
export interface ScrimError extends Error {
  kind: ScrimErrorKind;
}

/**
 * What an encrypted vault export is sealed with: a WebCrypto AES-GCM key of 256 bits the caller
 * holds (it may be non-extractable), or a passphrase (PBKDF2-HMAC-SHA256, 600,000 iterations, a
 * fresh salt per export). The format is the native CLI's (`--vault-out` with `--vault-key-file` or
 * `--vault-passphrase-env`): either side opens what the other wrote.
 */
export type VaultSecret = { key: CryptoKey; passphrase?: never } | { passphrase: string; key?: never };

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A policy, laid over the default: objects merge key by key, other values replace. */
export type Policy = DeepPartial<EffectivePolicy>;

/** Restores a streamed reply: a placeholder split across chunks is restored once complete. */
export interface Restorer {
  /** Feed a chunk; returns the text that is safe to show now. */
  push(chunk: string): string;
  /** End of stream: everything held back. */
  finish(): string;
}

export interface CreateOptions {
  /** Where the wasm module comes from (browser: URL/Response/bytes; Node: bytes or a Module). */
  wasm?: URL | string | Response | BufferSource | WebAssembly.Module;
  /**
   * A vault exported by `exportVault()`, to continue a conversation; an encrypted one
   * (`exportVault({ key })` / `exportVault({ passphrase })`) needs its `key` or `passphrase` here.
   */
  vault?: string;
  /** The key of an encrypted `vault`. */
  key?: CryptoKey;
  /** The passphrase of an encrypted `vault`. */
  passphrase?: string;
  /**
   * Never let unscreened text through: when the engine is not ready or fails, `protect` returns a
   * result with `decision.action === 'block'` (and `text: null`) instead of throwing.
   */
  failClosed?: boolean;
  /** Keep a local audit trail of protect calls (see `exportAudit`). */
  audit?: boolean;
}

export declare class Scrim {
  private constructor();
  /** Instantiate the wasm module (once) and build an engine with `policy` laid over the default. */
  static create(policy?: Policy | null, options?: CreateOptions): Promise<Scrim>;
  /** A Scrim usable at once that loads in the background; see `ready` and `failClosed`. */
  static open(policy?: Policy | null, options?: CreateOptions): Scrim;
  /** Resolves to this instance when the engine is ready. */
  readonly ready: Promise<Scrim>;
  /** `undefined` if the policy is valid, else a message naming the field. */
  static checkPolicy(policy: Policy): string | undefined;
  scan(text: string, options?: ScanOptions): ScanResult;
  /**
   * Screen a draft on every keystroke: re-scans only the paragraphs that changed since the last
   * call. Equals `scan` with the classifiers off (rule findings and their decision; `scores` empty).
   */
  scanDraft(text: string): ScanResult;
  protect(text: string, options?: ScanOptions): ProtectResult;
  restore(text: string): string;
  createRestorer(): Restorer;
  /** The vault as plain JSON: it holds the original values. */
  exportVault(): string;
  /** The vault encrypted under a key or passphrase (see `VaultSecret`). */
  exportVault(secret: VaultSecret): Promise<string>;
  /** The audit trail as JSON Lines (no prompt text, no values). */
  exportAudit(): string;
  /** Continue from a plain export; an invalid one changes nothing. */
  importVault(json: string): void;
  /** Continue from an encrypted export; one that does not open or check out changes nothing. */
  importVault(json: string, secret: VaultSecret): Promise<void>;
  /** The effective policy: the default with your overrides applied. */
  readonly policy: EffectivePolicy;
  readonly provenance: Provenance;
  /** Release wasm memory now. */
  free(): void;
}
