// `scrim/worker` for browsers and bundlers: the API of Scrim, asynchronous, with the engine in a
// module Worker this module starts (one per instance), so the page's thread never compiles or
// runs the wasm. Bundlers (Vite, webpack 5) see the `new Worker(new URL(...), { type: 'module' })`
// below and bundle worker-thread.js with the wasm beside it.
import { Scrim as Proxy } from './engine-proxy.js';

function workerChannel(options) {
  const worker = options.worker !== undefined
    ? new Worker(options.worker, { type: 'module' })
    : new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module' });
  const pending = new Map();
  let broken = null;
  const fail = (error) => {
    broken = error;
    for (const { resolve } of pending.values()) resolve({ ok: false, error: { name: 'Error', message: error.message } });
    pending.clear();
    worker.terminate();
  };
  worker.onmessage = ({ data }) => {
    const waiting = pending.get(data.id);
    if (!waiting) return;
    pending.delete(data.id);
    waiting.resolve(data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(`scrim/worker: the engine's worker failed: ${event.message || 'it could not be loaded'}`));
  };
  worker.onmessageerror = () => fail(new Error('scrim/worker: a message from the engine could not be read'));
  return {
    send(message) {
      if (broken) return Promise.resolve({ ok: false, error: { name: 'Error', message: broken.message } });
      return new Promise((resolve) => {
        pending.set(message.id, { resolve });
        try {
          worker.postMessage(message);
        } catch (e) {
          // Something in the arguments cannot be structured-cloned (a function, a DOM node...).
          pending.delete(message.id);
          resolve({ ok: false, error: { name: 'TypeError', message: `scrim/worker: cannot send this to the engine: ${e.message}` } });
        }
      });
    },
    close() {
      fail(new Error('scrim/worker: this Scrim was freed'));
    },
    /** The `wasm` option as the worker can take it: URLs absolute (the worker's base differs). */
    wasmOption(wasm) {
      if (wasm === undefined) return {};
      if (wasm instanceof URL || typeof wasm === 'string') return { wasm: new URL(wasm, globalThis.location?.href).href };
      if (typeof Response !== 'undefined' && wasm instanceof Response) {
        throw new TypeError('scrim/worker: options.wasm cannot be a Response (it cannot be sent to a worker); pass its URL, bytes or a WebAssembly.Module');
      }
      return { wasm };
    },
  };
}

export class Scrim extends Proxy {
  /**
   * Start a worker, build the engine in it with `policy` laid over the default.
   * @param {object} [policy] overrides of the default policy
   * @param {{ wasm?: URL | string | BufferSource | WebAssembly.Module, worker?: URL | string, vault?: string, failClosed?: boolean, audit?: boolean }} [options]
   */
  static create(policy, options) {
    return this._create(workerChannel, policy, options ?? {});
  }

  /** A Scrim usable at once: calls wait until the engine in its worker is ready. */
  static open(policy, options) {
    return this._open(workerChannel, policy, options ?? {});
  }
}
