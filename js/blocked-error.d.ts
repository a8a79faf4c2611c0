import type { Decision } from './types.js';

/** Thrown by scrim/ai-sdk and scrim/openai when the policy blocks a message: nothing was sent. */
export declare class ScrimBlockedError extends Error {
  readonly name: 'ScrimBlockedError';
  /** The decision of the blocked message (action 'block', with its reasons). */
  readonly decision: Decision;
  /** The blocked message's role and its position in the prompt. */
  readonly role: string;
  readonly index: number;
}
