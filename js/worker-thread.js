// The module Worker behind `scrim/worker` (started by worker.js): the browser engine, answering
// the page's messages (engine-host.js) one at a time.
import { Scrim } from './index.js';
import { engineHost } from './engine-host.js';

const handle = engineHost(Scrim);
self.onmessage = async ({ data }) => {
  self.postMessage(await handle(data));
};
