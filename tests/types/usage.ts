// Type-checks how a TypeScript user calls scrim/worker, scrim/ai-sdk and scrim/openai against
// the real SDK types (`ai`, `openai` devDependencies). Checked, not run:
//   npx tsc --noEmit --strict --target es2022 --module nodenext --lib es2022,dom tests/types/usage.ts
import { wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import OpenAI from 'openai';
import { Scrim } from '../../pkg/worker.js';
import { scrimMiddleware, ScrimBlockedError } from '../../pkg/ai-sdk.js';
import { withScrim } from '../../pkg/openai.js';

export async function usage(): Promise<string> {
  const scrim = await Scrim.create({ entities: { PERSON: { action: 'warn' } } });
  // scrim/worker's own types, not the in-thread ones: every call is a promise, `worker` is an option.
  const pending: Promise<unknown> = scrim.protect('Mail jane@example.com');
  await Scrim.create(null, { worker: new URL('./worker-thread.js', 'http://127.0.0.1/') });
  const out = await scrim.protect('Mail jane@example.com');
  const text: string | null = out.text;
  const restorer = scrim.createRestorer();
  const shown: string = (await restorer.push('[EMAIL_AD')) + (await restorer.finish());

  const model = wrapLanguageModel({ model: new MockLanguageModelV4(), middleware: scrimMiddleware({ scrim, onProtect: (e) => e.results[0]?.result.decision.action }) });
  const openai = withScrim(new OpenAI({ apiKey: 'test', baseURL: 'http://127.0.0.1:1/v1' }), { scrim });
  const completion = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  const stream = await openai.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  let streamed = '';
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
  const response = await openai.responses.create({ model: 'm', input: 'hi' });
  try {
    await openai.responses.create({ model: 'm', input: 'hi', stream: true });
  } catch (e) {
    if (e instanceof ScrimBlockedError) return e.decision.reasons.map((r) => r.message).join('; ');
  }
  await pending;
  return `${text}${shown}${model.modelId}${completion.choices[0]?.message.content}${streamed}${response.output_text}`;
}
