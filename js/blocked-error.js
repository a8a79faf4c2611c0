// The error scrim's SDK wrappers (scrim/ai-sdk, scrim/openai) throw when the policy blocks a
// prompt: the UI can show `message` and `decision.reasons`; nothing was sent.

/** Thrown (or put in the stream) when the policy blocks a message: nothing was sent. */
export class ScrimBlockedError extends Error {
  constructor(result, message) {
    const reasons = result.decision.reasons.filter((r) => r.action === 'block').map((r) => r.message);
    super(`scrim blocked this prompt, nothing was sent: ${reasons.join('; ') || 'the policy says block'}`);
    this.name = 'ScrimBlockedError';
    /** The decision (action 'block', reasons) of the message that was blocked. */
    this.decision = result.decision;
    /** The blocked message: its role and position in the prompt. */
    this.role = message.role;
    this.index = message.index;
  }
}
