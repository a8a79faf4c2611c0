// The engine of the demo page, off the main thread so typing never waits for a scan.
//
// Messages in: { id, type, ...args }; out: { id, ok: true, result } or { id, ok: false, error }.
//   init { policy }        load the wasm module, build the engine, probe which operators it accepts
//   policy { policy }      validate with Scrim.checkPolicy, then rebuild the engine with it
//   check { policy }       only validate
//   protect { text }       the draft as it would be sent now (findings, scores, decision, text, ms)
//   restore { text }       a reply with the real values put back
//   stream-start | stream-push { chunk } | stream-finish    the streaming restorer
//
// Each draft is protected against the vault as it was when the engine was built, so the
// placeholders stay [EMAIL_ADDRESS_1], [CREDIT_CARD_1]... while the person edits, instead of a new
// one being minted for every half-typed value.
import { Scrim } from './scrim/index.js';

// Every operator the demo knows how to offer; the engine says which of them it accepts.
const OPERATORS = ['placeholder', 'pseudonym', 'mask', 'hash', 'redact'];

let scrim;
let emptyVault;
let restorer;
// null until we know whether this build's scan takes { explain: true }.
let scanExplains = null;

async function build(policy) {
  const next = await Scrim.create(policy ?? null);
  scrim?.free();
  scrim = next;
  emptyVault = scrim.exportVault();
  restorer = undefined;
}

function acceptedOperators() {
  return OPERATORS.filter((operator) => Scrim.checkPolicy({ default: { operator } }) === undefined);
}

// Explanations of classifier scores, if this build has them: from `protect`'s result, else from
// `scan(text, { explain: true })`, tried once (a build without the option ignores it).
function explanations(text, result) {
  if (result.explanations !== undefined) return result.explanations;
  if (scanExplains === false || Object.keys(result.scores ?? {}).length === 0) return undefined;
  const scanned = scrim.scan(text, { explain: true });
  scanExplains = scanned.explanations !== undefined;
  return scanned.explanations;
}

const handlers = {
  async init({ policy }) {
    const started = performance.now();
    await build(policy);
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      loadMs: performance.now() - started,
      wasmTransferBytes: wasm?.encodedBodySize ?? null,
      operators: acceptedOperators(),
      candidates: OPERATORS,
      policy: scrim.policy,
      provenance: scrim.provenance,
    };
  },
  check({ policy }) {
    return { error: Scrim.checkPolicy(policy) ?? null };
  },
  async policy({ policy }) {
    const error = Scrim.checkPolicy(policy);
    if (error !== undefined) return { error };
    await build(policy);
    return { error: null, policy: scrim.policy, provenance: scrim.provenance };
  },
  protect({ text }) {
    scrim.importVault(emptyVault);
    const started = performance.now();
    const result = scrim.protect(text);
    const ms = performance.now() - started;
    const explained = explanations(text, result);
    return { ...result, explanations: explained, ms, bytes: new TextEncoder().encode(text).length };
  },
  restore({ text }) {
    return scrim.restore(text);
  },
  'stream-start'() {
    restorer?.finish();
    restorer = scrim.createRestorer();
    return '';
  },
  'stream-push'({ chunk }) {
    return restorer.push(chunk);
  },
  'stream-finish'() {
    const rest = restorer?.finish() ?? '';
    restorer = undefined;
    return rest;
  },
};

// One message at a time, in order: a rebuild never races a scan.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  queue = queue.then(async () => {
    try {
      const handler = handlers[data.type];
      if (!handler) throw new Error(`worker: unknown message type ${JSON.stringify(data.type)}`);
      self.postMessage({ id: data.id, ok: true, result: await handler(data) });
    } catch (e) {
      self.postMessage({ id: data.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
};
