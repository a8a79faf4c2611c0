// Types of scrim's JavaScript API. Offsets are UTF-16 code units (what String.prototype.slice uses).

import type { Policy as EffectivePolicy, Provenance, Report } from './types.js';

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
export type ProtectResult = ScanResult & {
  /** `null` only in failClosed mode when the text could not be screened (then the decision is block). */
  text: string | null;
};

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
  /** A vault exported by `exportVault()`, to continue a conversation. */
  vault?: string;
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
  exportVault(): string;
  /** The audit trail as JSON Lines (no prompt text, no values). */
  exportAudit(): string;
  importVault(json: string): void;
  /** The effective policy: the default with your overrides applied. */
  readonly policy: EffectivePolicy;
  readonly provenance: Provenance;
  /** Release wasm memory now. */
  free(): void;
}
