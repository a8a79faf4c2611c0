// How every browser test starts Debian's Chromium through playwright-core: no browser download,
// no background traffic (the machine has no network but package registries).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const args = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** A plain browser for page tests. */
export function launch() {
  return chromium.launch({ executablePath, args, headless: true });
}

/** A persistent context with an unpacked extension loaded (MV3 needs a persistent profile). */
export function launchWithExtension(extensionDir) {
  const profile = mkdtempSync(join(tmpdir(), 'scrim-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...args, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
}
