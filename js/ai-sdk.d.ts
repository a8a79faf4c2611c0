// Types of `scrim/ai-sdk`: middleware for the Vercel AI SDK (`ai` >= 7, an optional peer dependency).

import type { LanguageModelMiddleware } from 'ai';
import type { ProtectResult, Scrim } from './index.js';
import type { Scrim as WorkerScrim } from './worker.js';

export { ScrimBlockedError } from './blocked-error.js';

/** What was sent for one call: each protected text with its message's role and index. */
export interface ProtectEvent {
  results: { role: string; index: number; result: ProtectResult }[];
  /** The prompt as the model receives it. */
  prompt: unknown[];
}

export interface ScrimMiddlewareOptions {
  /** One Scrim per conversation (from `scrim` or `scrim/worker`): its vault spans the turns. */
  scrim: Scrim | WorkerScrim;
  /** Whose text parts are protected; default `['user', 'assistant']` (system prompts are yours). */
  roles?: ('system' | 'user' | 'assistant')[];
  /** Called before each call to the model with what it will receive: show warnings here. */
  onProtect?: (event: ProtectEvent) => void;
  /** Restore reasoning text as well as text (default true). */
  restoreReasoning?: boolean;
}

/**
 * `wrapLanguageModel({ model, middleware: scrimMiddleware({ scrim }) })`: the model receives the
 * prompt protected, the reply comes back restored (streamed deltas and generated results); a
 * prompt the policy blocks rejects with a ScrimBlockedError before any request.
 */
export declare function scrimMiddleware(options: ScrimMiddlewareOptions): LanguageModelMiddleware;
