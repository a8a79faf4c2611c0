// Node entry (Node >= 20, no bundler): the wasm file is read from beside this module.
import { readFileSync } from 'node:fs';
import { initSync } from './scrim_wasm.js';
import { Scrim as Base } from './scrim.js';

let ready = false;

function load(options) {
  if (!ready) {
    const module = options.wasm ?? readFileSync(new URL('./scrim_wasm_bg.wasm', import.meta.url));
    initSync({ module });
    ready = true;
  }
}

export class Scrim extends Base {
  /**
   * @param {object} [policy] overrides of the default policy
   * @param {{ wasm?: BufferSource | WebAssembly.Module, vault?: string }} [options]
   */
  static create(policy, options) {
    return this._create(load, policy, options ?? {});
  }

  /**
   * A Scrim usable at once, loading in the background (`await scrim.ready`). Until it is ready,
   * `protect` throws — or, with `{ failClosed: true }`, returns a `block` decision.
   */
  static open(policy, options) {
    return this._open(load, policy, options ?? {});
  }
}
