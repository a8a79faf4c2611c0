// Types of scrim's JavaScript API. Offsets are UTF-16 code units (what String.prototype.slice uses).

/** What the policy does with a prompt containing a finding or a score. */
export type Action = 'allow' | 'warn' | 'redact' | 'block';

/** How a value is replaced when its action is `redact`. */
export type Operator = 'placeholder' | 'mask' | 'hash' | 'redact' | 'pseudonym';

/** What produced a finding. */
export interface Source {
  kind: 'rule' | 'custom' | 'deny_list' | 'model' | 'heuristic';
  /** Recognizer or model id, e.g. `generic.credit_card`, `model.ner`. */
  name: string;
  /** The pattern that matched, e.g. `number (medium)`. */
  pattern?: string;
}

/** One recognized span of the input. */
export interface Finding {
  /** Entity type, Presidio's names where one exists: `EMAIL_ADDRESS`, `CREDIT_CARD`, `PERSON`... */
  entity: string;
  /** UTF-16 offset of the first code unit: `text.slice(start, end) === finding.text`. */
  start: number;
  /** UTF-16 offset just past the span. */
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
  /** A checksum or structural validator confirmed the value. */
  validated: boolean;
  source: Source;
  /** Why the score is what it is (context word, checksum). */
  explanation?: string[];
  /** The matched text. */
  text: string;
  /** What the policy does about it. */
  action: Action;
  /** What the value became in `protect`'s text. */
  replacement?: string;
}

/** One entity type or score that raised the decision. */
export interface Reason {
  action: Action;
  kind: 'entity' | 'score' | 'heuristic';
  /** Entity type or score label. */
  name: string;
  count: number;
  score: number;
  /** One sentence for the person typing. */
  message: string;
}

export interface Decision {
  action: Action;
  reasons: Reason[];
}

export interface ModelInfo {
  name: string;
  version: string;
  /** `sha256:<hex>` of the `.onnx` file. */
  sha256: string;
}

/** What made a result: scrim version, policy id and model digests. */
export interface Provenance {
  scrim: string;
  /** `sha256:<hex>` of the normalized policy. */
  policy: string;
  models: ModelInfo[];
}

/** Classifier scores by label (`toxicity`, `severe_toxicity`, `obscene`, `threat`, `insult`, `identity_attack`, `prompt_injection`...). */
export type Scores = Record<string, number>;

/** One word's signed contribution to a score (UTF-16 offsets). */
export interface WordContribution {
  word: string;
  start: number;
  end: number;
  /** Added to the label's logit by this word (positive raises the score). */
  contribution: number;
}

export interface LabelExplanation {
  label: string;
  score: number;
  logit: number;
  bias: number;
  words: WordContribution[];
}

/** Why a classifier scored what it did: exact for additive models, else occlusion. */
export interface Explanation {
  method: 'exact' | 'occlusion';
  labels: LabelExplanation[];
}

export interface ScanOptions {
  /** Add `explanations` (per-word contributions to each classifier score). */
  explain?: boolean;
}

/** The result of `scan`. */
export interface ScanResult {
  findings: Finding[];
  scores: Scores;
  decision: Decision;
  provenance: Provenance;
  /** With `{ explain: true }`: by model name (`toxicity`, `injection`). */
  explanations?: Record<string, Explanation>;
}

/** The result of `protect`: `text` is what the hosted model may receive. */
export interface ProtectResult extends ScanResult {
  /** `null` only in failClosed mode when the text could not be screened (then the decision is block). */
  text: string | null;
}

export interface EntityRule {
  action?: Action;
  operator?: Operator;
  min_score?: number;
}

export interface Thresholds {
  warn: number;
  block: number;
}

/** A policy, laid over the default: objects merge key by key, other values replace. */
export interface Policy {
  name?: string;
  default?: EntityRule;
  entities?: Record<string, EntityRule>;
  scores?: Record<string, Thresholds>;
  /** Values never reported (exact, case-insensitive). */
  allow?: string[];
  /** Values always reported as `entity`. */
  deny?: { entity: string; values: string[] }[];
  /** Custom regex recognizers (Rust `regex` syntax: linear time). */
  custom?: { entity: string; pattern: string; score?: number; context?: string[]; name?: string }[];
  recognizers?: { disable?: string[] };
  mask?: { char?: string; keep_last?: number };
  models?: { toxicity?: boolean; injection?: boolean; ner?: boolean };
  limits?: { max_input_bytes?: number; max_custom_patterns?: number; max_pattern_bytes?: number };
  /** Link "John", "Mr Smith", "J. Smith" to the placeholder of "John Smith" (default true). */
  link_aliases?: boolean;
}

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
  /** The effective policy. */
  readonly policy: Required<Policy>;
  readonly provenance: Provenance;
  /** Release wasm memory now. */
  free(): void;
}
