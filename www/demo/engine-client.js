// The page's side of the worker protocol (see worker.js): each request is a promise.

export class EngineClient {
  #worker;
  #next = 0;
  #pending = new Map();

  constructor(url) {
    this.#worker = new Worker(url, { type: 'module' });
    this.#worker.onmessage = ({ data }) => {
      const pending = this.#pending.get(data.id);
      if (!pending) return;
      this.#pending.delete(data.id);
      if (data.ok) pending.resolve(data.result);
      else pending.reject(new Error(data.error));
    };
    this.#worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(`the engine worker failed: ${event.message || 'it could not be loaded'}`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
  }

  /** Send `{ type, ...args }`; resolves to the worker's result, rejects with its error message. */
  request(type, args = {}) {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, type, ...args });
    });
  }
}
