// The engine's side of `scrim/worker`: one Scrim, driven by messages. The module Worker
// (worker-thread.js) and the Node fallback (worker-node.js) both answer with this, so the two
// behave alike down to how an error comes back.
//
// A message in is `{ id, op, ... }`; the answer is `{ id, ok: true, result }` or
// `{ id, ok: false, error: { name, message, ...own properties } }`. Messages are handled one at a
// time in the order they came, so a call made before the engine is ready waits for it, and a
// restorer's pushes stay in order.

// The methods of Scrim that `call` may reach: the whole public API, nothing private.
const METHODS = new Set(['scan', 'scanDraft', 'protect', 'restore', 'exportVault', 'importVault', 'exportAudit', 'checkPolicy']);
const PROPERTIES = new Set(['policy', 'provenance']);

/** An error as plain data that survives structured cloning, with `crashed`, `kind`... kept. */
export function errorData(e) {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const data = { name: e.name, message: e.message };
  for (const [key, value] of Object.entries(e)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) data[key] = value;
  }
  return data;
}

/**
 * `Scrim` is the class of the entry the host runs on (index.js in a Worker, node.js in Node).
 * Returns `handle(message)`, which resolves to the answer (it never rejects).
 */
export function engineHost(Scrim) {
  let scrim = null;
  let failure = null;
  const restorers = new Map();

  const ops = {
    async create({ policy, options }) {
      try {
        scrim = await Scrim.create(policy ?? null, options ?? {});
      } catch (e) {
        failure = e;
        throw e;
      }
      return null;
    },
    call({ method, args }) {
      if (!METHODS.has(method)) throw new TypeError(`scrim/worker: no method ${JSON.stringify(method)}`);
      if (method === 'checkPolicy') return Scrim.checkPolicy(...args);
      return engine()[method](...args);
    },
    get({ property }) {
      if (!PROPERTIES.has(property)) throw new TypeError(`scrim/worker: no property ${JSON.stringify(property)}`);
      return engine()[property];
    },
    restorerCreate({ restorer }) {
      restorers.set(restorer, engine().createRestorer());
      return null;
    },
    restorerPush({ restorer, chunk }) {
      return restorerOf(restorer).push(chunk);
    },
    restorerFinish({ restorer }) {
      const r = restorers.get(restorer);
      if (!r) return '';
      restorers.delete(restorer);
      return r.finish();
    },
    free() {
      for (const r of restorers.values()) r.finish();
      restorers.clear();
      scrim?.free();
      scrim = null;
      return null;
    },
  };

  function engine() {
    if (scrim) return scrim;
    if (failure) throw new Error(`scrim could not be created: ${failure.message}`, { cause: failure });
    throw new Error('scrim/worker: this Scrim was freed');
  }

  function restorerOf(id) {
    const r = restorers.get(id);
    if (!r) throw new Error('push(chunk): the restorer is finished');
    return r;
  }

  let queue = Promise.resolve();
  return function handle(message) {
    const answer = queue.then(async () => {
      try {
        const op = ops[message.op];
        if (!op) throw new TypeError(`scrim/worker: unknown message ${JSON.stringify(message.op)}`);
        return { id: message.id, ok: true, result: await op(message) };
      } catch (e) {
        return { id: message.id, ok: false, error: errorData(e) };
      }
    });
    queue = answer;
    return answer;
  };
}
