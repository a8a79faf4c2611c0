// `scrim/worker` in Node: the same asynchronous API, the engine in this thread (Node has no page
// to keep responsive; run it in a worker_threads Worker yourself if a scan must not block).
import { Scrim as Proxy } from './engine-proxy.js';
import { engineHost } from './engine-host.js';
import { Scrim as InThread } from './node.js';

function inThreadChannel() {
  const handle = engineHost(InThread);
  return {
    send: handle,
    close() {
      handle({ id: 0, op: 'free' });
    },
    wasmOption: (wasm) => (wasm === undefined ? {} : { wasm }),
  };
}

export class Scrim extends Proxy {
  /**
   * @param {object} [policy] overrides of the default policy
   * @param {{ wasm?: BufferSource | WebAssembly.Module, vault?: string, failClosed?: boolean, audit?: boolean }} [options]
   */
  static create(policy, options) {
    return this._create(inThreadChannel, policy, options ?? {});
  }

  /** A Scrim usable at once: calls wait until the engine is ready. */
  static open(policy, options) {
    return this._open(inThreadChannel, policy, options ?? {});
  }
}
