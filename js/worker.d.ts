// Types of `scrim/worker`: the API of `scrim`, every call asynchronous, the engine in a module
// Worker (browsers, bundlers) or in this thread (Node). Offsets are UTF-16 code units.

import type { CreateOptions as InThreadOptions, Policy, ProtectResult, ScanOptions, ScanResult } from './index.js';
import type { Policy as EffectivePolicy, Provenance } from './types.js';

export type * from './index.js';

export interface CreateOptions extends Omit<InThreadOptions, 'wasm'> {
  /**
   * Where the worker loads the wasm module from: a URL (made absolute against the page), bytes or a
   * WebAssembly.Module. Not a Response: it cannot be sent to a worker.
   */
  wasm?: URL | string | BufferSource | WebAssembly.Module;
  /** The worker script, if worker-thread.js is not served beside worker.js (browsers only). */
  worker?: URL | string;
}

/** Restores a streamed reply: a placeholder split across chunks is restored once complete. */
export interface AsyncRestorer {
  /** Feed a chunk; resolves to the text that is safe to show now. Answers come in push order. */
  push(chunk: string): Promise<string>;
  /** End of stream: everything held back. */
  finish(): Promise<string>;
}

export declare class Scrim {
  private constructor();
  /** Start the engine's worker and build the engine with `policy` laid over the default. */
  static create(policy?: Policy | null, options?: CreateOptions): Promise<Scrim>;
  /** A Scrim usable at once: calls wait until the engine is ready. */
  static open(policy?: Policy | null, options?: CreateOptions): Scrim;
  /** `undefined` if the policy is valid, else a message naming the field (builds a throwaway engine). */
  static checkPolicy(policy: Policy, options?: CreateOptions): Promise<string | undefined>;
  /** Resolves to this instance when the engine is ready. */
  readonly ready: Promise<Scrim>;
  scan(text: string, options?: ScanOptions): Promise<ScanResult>;
  /** Screen a draft on every keystroke: rule findings only, changed paragraphs re-scanned. */
  scanDraft(text: string): Promise<ScanResult>;
  protect(text: string, options?: ScanOptions): Promise<ProtectResult>;
  restore(text: string): Promise<string>;
  createRestorer(): AsyncRestorer;
  exportVault(): Promise<string>;
  importVault(json: string): Promise<void>;
  /** The audit trail as JSON Lines (no prompt text, no values). */
  exportAudit(): Promise<string>;
  /** `undefined` if the policy is valid, else a message naming the field. */
  checkPolicy(policy: Policy): Promise<string | undefined>;
  /** The effective policy: the default with your overrides applied. */
  readonly policy: Promise<EffectivePolicy>;
  readonly provenance: Promise<Provenance>;
  /** End the engine's worker now; later calls reject. */
  free(): void;
}
