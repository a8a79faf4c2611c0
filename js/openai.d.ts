// Types of `scrim/openai`: the official `openai` client (>= 7, an optional peer dependency), protected.

import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type {
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import type { ProtectResult, Scrim } from './index.js';
import type { Scrim as WorkerScrim } from './worker.js';

export { ScrimBlockedError } from './blocked-error.js';

/** The client's per-request options (timeout, signal, headers...). */
type RequestOptions = Parameters<OpenAI['chat']['completions']['create']>[1];

/** A streamed reply, restored: iterate it with `for await`; `controller.abort()` stops it. */
export interface RestoredStream<T> extends AsyncIterable<T> {
  readonly controller: AbortController;
}

export interface WithScrimOptions {
  /** One Scrim per conversation (from `scrim` or `scrim/worker`): its vault spans the calls. */
  scrim: Scrim | WorkerScrim;
  /** Whose text is protected; default `['user', 'assistant']` (system/developer prompts are yours). */
  roles?: ('system' | 'developer' | 'user' | 'assistant')[];
  /** Called before each request with every protected text's result: show warnings here. */
  onProtect?: (event: { results: { role: string; index: number; result: ProtectResult }[] }) => void;
}

export interface ScrimOpenAI {
  /** The client itself, for everything else. */
  readonly client: OpenAI;
  readonly chat: {
    readonly completions: {
      create(params: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): Promise<ChatCompletion>;
      create(params: ChatCompletionCreateParamsStreaming, options?: RequestOptions): Promise<RestoredStream<ChatCompletionChunk>>;
    };
  };
  readonly responses: {
    create(params: ResponseCreateParamsNonStreaming, options?: RequestOptions): Promise<Response>;
    create(params: ResponseCreateParamsStreaming, options?: RequestOptions): Promise<RestoredStream<ResponseStreamEvent>>;
  };
}

/**
 * `withScrim(new OpenAI(...), { scrim })`: messages are sent protected, replies (streamed or not)
 * come back restored; a prompt the policy blocks rejects with a ScrimBlockedError before any request.
 */
export declare function withScrim(client: OpenAI, options: WithScrimOptions): ScrimOpenAI;
