// `scrim/openai` with the official `openai` client (a devDependency) against the mock model of
// scripts/mock-model.mjs on 127.0.0.1 (the client's baseURL points at it), which speaks the Chat
// Completions and Responses APIs, SSE when streaming, and echoes the last user message in deltas
// that split placeholders. What the server received is checked for values.
//   node --test tests/js/openai.test.mjs       (needs pkg/: `npm run build`)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { serveMockModel } from '../../scripts/mock-model.mjs';
import { importFromProject } from './install.mjs';

let Scrim;
let withScrim;
let ScrimBlockedError;
let mock;
before(async () => {
  ({ Scrim } = await importFromProject('scrim'));
  ({ withScrim, ScrimBlockedError } = await importFromProject('scrim/openai'));
  mock = await serveMockModel();
});
after(() => mock?.server.close());

const PROMPT = 'Hi, I am Jane Doe. Mail jane.doe@example.com, card 4111 1111 1111 1111 😀';
const VALUES = ['Jane Doe', 'jane.doe@example.com', '4111'];
const TOXIC = 'You are a worthless stupid idiot and I will kill you, you piece of shit.';

async function client() {
  const scrim = await Scrim.create();
  return withScrim(new OpenAI({ apiKey: 'test-key', baseURL: mock.url, maxRetries: 0 }), { scrim });
}

/** The last request body the mock model received, with no value of PROMPT in it. */
function lastSent() {
  const body = JSON.stringify(mock.received.at(-1).body);
  for (const v of VALUES) assert.ok(!body.includes(v), `${v} reached the API: ${body}`);
  assert.match(body, /\[PERSON_1\].*\[EMAIL_ADDRESS_1\].*\[CREDIT_CARD_1\]/);
  return mock.received.at(-1).body;
}

describe('scrim/openai: chat.completions.create', () => {
  test('not streaming: placeholders sent, the reply restored', async () => {
    const openai = await client();
    const reply = await openai.chat.completions.create({ model: 'mock', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: PROMPT }] });
    assert.equal(reply.choices[0].message.content, `You said: ${PROMPT}`);
    assert.equal(lastSent().messages[0].content, 'Be brief.', 'the system prompt is sent as written');
  });

  test('streaming (SSE): each chunk restored as soon as its placeholders are complete', async () => {
    const openai = await client();
    const stream = await openai.chat.completions.create({ model: 'mock', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }] });
    const deltas = [];
    for await (const chunk of stream) {
      const d = chunk.choices[0]?.delta?.content;
      if (d) deltas.push(d);
    }
    assert.equal(deltas.join(''), `You said: ${PROMPT}`);
    assert.ok(deltas.every((d) => !/[[\]]/.test(d)), `a placeholder piece reached the reader: ${JSON.stringify(deltas)}`);
    assert.ok(deltas.length > 10, 'the stream was not collapsed into one chunk');
    lastSent();
  });

  test('a second call with the history: the same vault, the restored reply re-protected', async () => {
    const openai = await client();
    const first = await openai.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: PROMPT }] });
    await openai.chat.completions.create({
      model: 'mock',
      messages: [{ role: 'user', content: PROMPT }, first.choices[0].message, { role: 'user', content: 'Again to jane.doe@example.com' }],
    });
    const sent = lastSent().messages;
    assert.equal(sent[1].content, 'You said: Hi, I am [PERSON_1]. Mail [EMAIL_ADDRESS_1], card [CREDIT_CARD_1] 😀');
    assert.equal(sent[2].content, 'Again to [EMAIL_ADDRESS_1]');
  });
});

describe('scrim/openai: responses.create', () => {
  test('not streaming: output and output_text restored', async () => {
    const openai = await client();
    const reply = await openai.responses.create({ model: 'mock', input: PROMPT });
    assert.equal(reply.output_text, `You said: ${PROMPT}`);
    assert.equal(reply.output[0].content[0].text, `You said: ${PROMPT}`);
    assert.equal(lastSent().input, 'Hi, I am [PERSON_1]. Mail [EMAIL_ADDRESS_1], card [CREDIT_CARD_1] 😀');
  });

  test('streaming (SSE events): text deltas restored, done and completed events too', async () => {
    const openai = await client();
    const stream = await openai.responses.create({ model: 'mock', stream: true, input: [{ role: 'user', content: [{ type: 'input_text', text: PROMPT }] }] });
    const deltas = [];
    let done;
    let completed;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') deltas.push(event.delta);
      if (event.type === 'response.output_text.done') done = event.text;
      if (event.type === 'response.completed') completed = event.response.output[0].content[0].text;
    }
    assert.equal(deltas.join(''), `You said: ${PROMPT}`);
    assert.ok(deltas.every((d) => !/[[\]]/.test(d)), JSON.stringify(deltas));
    assert.equal(done, `You said: ${PROMPT}`);
    assert.equal(completed, `You said: ${PROMPT}`);
    lastSent();
  });
});

describe('scrim/openai: blocked prompts', () => {
  test('a blocked prompt rejects with a ScrimBlockedError and no request is made', async () => {
    const openai = await client();
    const count = mock.received.length;
    await assert.rejects(openai.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: TOXIC }] }), (e) => {
      assert.ok(e instanceof ScrimBlockedError);
      assert.match(e.message, /^scrim blocked this prompt, nothing was sent: /);
      return true;
    });
    await assert.rejects(openai.responses.create({ model: 'mock', stream: true, input: TOXIC }), ScrimBlockedError);
    assert.equal(mock.received.length, count, 'a request reached the API');
    assert.throws(() => withScrim({}, {}), /must be an OpenAI client/);
  });
});
