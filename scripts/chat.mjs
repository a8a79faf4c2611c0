// The chat example (www/chat/) on loopback: the page, the npm package's browser files from pkg/ at
// /scrim/, and the mock hosted model (scripts/mock-model.mjs) at /v1/ — all one origin, so the
// page's CSP can refuse every other.
//   node scripts/chat.mjs [PORT]        (npm run chat builds pkg/ first)
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockModel } from './mock-model.mjs';
import { staticFiles } from './serve.mjs';

const root = new URL('..', import.meta.url).pathname;

/** Resolves to { server, url, received } (the bodies the model was sent). */
export function serveChat({ port = 0, delayMs = 15 } = {}) {
  if (!existsSync(join(root, 'pkg', 'worker.js'))) throw new Error('chat: pkg/ is not built; run `npm run build` first');
  const page = staticFiles(join(root, 'www', 'chat'));
  const scrim = staticFiles(join(root, 'pkg'));
  const model = mockModel({
    delayMs,
    next(req, res) {
      if (req.url.startsWith('/scrim/')) {
        req.url = req.url.slice('/scrim'.length);
        return scrim(req, res);
      }
      return page(req, res);
    },
  });
  const server = createServer(model.handle);
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/`, received: model.received })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveChat({ port: Number(process.argv[2] ?? 8081) });
  console.log(`scrim chat example: ${url}  (Ctrl-C to stop)`);
}
