// The simulated model reply: restored live as it is typed, or streamed chunk by chunk through the
// engine's streaming restorer (createRestorer().push/finish), as a chat UI would do with an SSE reply.
import { debounce, fill } from './dom.js';

// Chunk sizes cycle through these so placeholders get split across chunks, as real streams do.
const CHUNK_SIZES = [3, 1, 5, 2, 7, 4, 1, 6];
const CHUNK_DELAY_MS = 40;

/** `text` cut into chunks of CHUNK_SIZES (never splitting a UTF-16 surrogate pair). */
export function chunk(text) {
  const chars = Array.from(text);
  const out = [];
  for (let at = 0, i = 0; at < chars.length; i += 1) {
    const n = CHUNK_SIZES[i % CHUNK_SIZES.length];
    out.push(chars.slice(at, at + n).join(''));
    at += n;
  }
  return out;
}

export class ReplyPanel {
  constructor({ reply, restored, sample, stream, status }, engine) {
    Object.assign(this, { reply, restored, sample, stream, status, engine });
    this.placeholders = [];
    reply.addEventListener('input', debounce(() => this.restore(), 150));
    sample.addEventListener('click', () => {
      reply.value = this.#sampleReply();
      this.restore();
    });
    stream.addEventListener('click', () => this.#stream());
  }

  /** The replacements the last protect made, for the sample reply. */
  setReplacements(findings) {
    this.placeholders = [...new Set(findings.map((f) => f.replacement).filter((r) => r))];
  }

  #sampleReply() {
    if (this.placeholders.length === 0) return 'Nothing in your prompt was replaced, so this reply has no placeholders to restore.';
    return `Thanks! I have noted ${this.placeholders.join(' and ')}. I will use ${this.placeholders[0]} in my answer.`;
  }

  async restore() {
    if (this.streaming) return;
    const text = this.reply.value;
    const restored = await this.engine.request('restore', { text });
    if (!this.streaming && text === this.reply.value) fill(this.restored, restored);
  }

  async #stream() {
    if (this.streaming) return;
    this.streaming = true;
    this.stream.disabled = true;
    const text = this.reply.value;
    const chunks = chunk(text);
    let shown = '';
    fill(this.restored);
    try {
      await this.engine.request('stream-start');
      for (const [i, piece] of chunks.entries()) {
        shown += await this.engine.request('stream-push', { chunk: piece });
        fill(this.restored, shown);
        this.status.textContent = `Streaming: chunk ${i + 1} of ${chunks.length}…`;
        await new Promise((ok) => setTimeout(ok, CHUNK_DELAY_MS));
      }
      shown += await this.engine.request('stream-finish');
      fill(this.restored, shown);
      const oneShot = await this.engine.request('restore', { text });
      this.status.textContent = `Streamed ${chunks.length} chunks of 1–7 characters through createRestorer(): `
        + (shown === oneShot ? 'the result equals the one-shot restore.' : 'the result DIFFERS from the one-shot restore (a bug: please report it).');
    } catch (e) {
      this.status.textContent = `Streaming failed: ${e.message}`;
    } finally {
      this.streaming = false;
      this.stream.disabled = false;
      this.stream.focus();
    }
  }
}
