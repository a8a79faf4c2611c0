// Browser and bundler entry: the wasm file is fetched from beside this module
// (`new URL('./scrim_wasm_bg.wasm', import.meta.url)`, which Vite and webpack 5 understand).
import init from './scrim_wasm.js';
import { Scrim as Base } from './scrim.js';

let ready;

function load(options) {
  ready ??= init(options.wasm !== undefined ? { module_or_path: options.wasm } : undefined);
  return ready;
}

export class Scrim extends Base {
  /**
   * @param {object} [policy] overrides of the default policy
   * @param {{ wasm?: URL | string | Response | BufferSource | WebAssembly.Module, vault?: string }} [options]
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
