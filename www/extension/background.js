// The extension's engine host: the only place scrim's wasm engine runs. Content scripts send it the
// text of a prompt box and get back the decision; nothing here talks to the network (the manifest's
// CSP allows `connect-src 'self'` only, which is how the .wasm file beside this script is read).
//
// One Scrim per tab, so a tab's placeholders ([EMAIL_ADDRESS_1]) stay the same across prompts and its
// replies can be restored. A tab's vault is kept in chrome.storage.session (memory only, cleared when
// the browser quits) so it survives this service worker being stopped when idle; what is stored
// there is the vault encrypted (AES-256-GCM, `exportVault({ key })`) under a non-extractable key
// that only this extension's IndexedDB holds, so the storage never holds a real value in clear.
import { Scrim } from './scrim/index.js';

const WASM = new URL('./scrim/scrim_wasm_bg.wasm', import.meta.url);
const SETTINGS = { policy: null, allowSites: [] };
const AUDIT_LIMIT = 500;

/** The wasm module is instantiated once per worker; this engine only proves it is (and checks policies). */
const defaultEngine = Scrim.create(null, { wasm: WASM });

const engines = new Map(); // tab id -> { policy: JSON text, engine: Promise<Scrim> }

/** Read on every request (it is cheap), so a policy saved a moment ago is the one applied. */
const loadSettings = () => chrome.storage.local.get(SETTINGS);

const vaultKey = (tabId) => `vault:${tabId}`;

/**
 * The key the tabs' vaults are encrypted under: a WebCrypto AES-GCM key made once, non-extractable
 * (its bytes can never be read, not even by this script), kept in IndexedDB, which stores a
 * CryptoKey as it is. Created on first use, then the same for every worker that follows.
 */
let sealingKey;

function openKeyStore() {
  return new Promise((ok, fail) => {
    const open = indexedDB.open('scrim', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys');
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
}

function keyStore(db, mode, f) {
  return new Promise((ok, fail) => {
    const tx = db.transaction('keys', mode);
    const req = f(tx.objectStore('keys'));
    tx.oncomplete = () => ok(req.result);
    tx.onerror = () => fail(tx.error);
    tx.onabort = () => fail(tx.error);
  });
}

function vaultSealingKey() {
  sealingKey ??= (async () => {
    const db = await openKeyStore();
    try {
      const stored = await keyStore(db, 'readonly', (keys) => keys.get('vault'));
      if (stored) return stored;
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      // `add`, not `put`: a worker that raced this one to it keeps the key it stored first.
      await keyStore(db, 'readwrite', (keys) => keys.add(key, 'vault')).catch(() => {});
      return keyStore(db, 'readonly', (keys) => keys.get('vault'));
    } finally {
      db.close();
    }
  })();
  sealingKey.catch(() => {
    sealingKey = undefined;
  });
  return sealingKey;
}

const vaultWrites = new Map(); // tab id -> the last write of its vault

/** Store a tab's sealed vault once it is sealed, after every earlier write (the newest wins). */
function storeVault(tabId, sealed) {
  const write = (vaultWrites.get(tabId) ?? Promise.resolve())
    .then(() => sealed)
    .then((vault) => chrome.storage.session.set({ [vaultKey(tabId)]: vault }));
  vaultWrites.set(tabId, write.catch(() => {}));
  return write;
}

/**
 * Whether a tab has screened anything yet (an engine, or a stored vault): a page's text is checked
 * for placeholders only then, so a tab that never sent a prompt never loads an engine.
 */
async function hasVault(tabId) {
  if (engines.has(tabId)) return true;
  const stored = await chrome.storage.session.get(vaultKey(tabId));
  return stored[vaultKey(tabId)] !== undefined;
}

/** The engine for a tab, continuing from its stored (encrypted) vault if there is one. */
async function createEngine(tabId, policy) {
  const [stored, key] = await Promise.all([chrome.storage.session.get(vaultKey(tabId)), vaultSealingKey()]);
  const vault = stored[vaultKey(tabId)];
  try {
    return await Scrim.create(policy, { wasm: WASM, ...(vault === undefined ? {} : { vault, key }) });
  } catch (e) {
    if (e.kind !== 'vault') throw e;
    // A vault that no longer opens (its key is gone with the profile's IndexedDB) cannot be
    // restored from; screening goes on with a new one rather than stopping.
    console.error('scrim: the tab\'s stored vault does not open; starting a new one:', e.message);
    await chrome.storage.session.remove(vaultKey(tabId));
    return Scrim.create(policy, { wasm: WASM });
  }
}

/** The tab's engine under the saved policy; rebuilt from the tab's vault when the policy changed. */
async function engineFor(tabId) {
  const { policy } = await loadSettings();
  const key = JSON.stringify(policy);
  let entry = engines.get(tabId);
  if (entry?.policy !== key) {
    entry?.engine.then((s) => s.free(), () => {});
    const engine = (async () => {
      await defaultEngine;
      return createEngine(tabId, policy);
    })();
    entry = { policy: key, engine };
    engines.set(tabId, entry);
    engine.catch(() => engines.get(tabId) === entry && engines.delete(tabId));
  }
  return entry.engine;
}

chrome.tabs.onRemoved.addListener((tabId) => {
  engines.get(tabId)?.engine.then((s) => s.free(), () => {});
  engines.delete(tabId);
  (vaultWrites.get(tabId) ?? Promise.resolve()).then(() => chrome.storage.session.remove(vaultKey(tabId)));
  vaultWrites.delete(tabId);
});

chrome.action.onClicked.addListener(() => chrome.runtime.openOptionsPage());

/** `example.com` in the allow-list also covers `chat.example.com`. */
function isAllowListed(hostname, allowSites) {
  const host = hostname.toLowerCase();
  return allowSites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** The parts of a result the content script needs; never the vault. */
function screening(result, id) {
  return {
    id,
    action: result.decision.action,
    reasons: result.decision.reasons,
    findings: result.findings.map(({ entity, start, end, text, action, replacement }) => ({ entity, start, end, text, action, replacement })),
    scores: result.scores,
    text: result.text,
  };
}

// The audit trail (issue 12): what was decided and what the person did, never the text or a value.
let auditWrites = Promise.resolve();

function appendAudit(update) {
  auditWrites = auditWrites.then(async () => {
    const { audit = [] } = await chrome.storage.local.get('audit');
    update(audit);
    await chrome.storage.local.set({ audit: audit.slice(-AUDIT_LIMIT) });
  }).catch((e) => console.error('scrim: audit trail not written:', e));
  return auditWrites;
}

// The same fields as the library's own trail (`Scrim#exportAudit`, src/audit.rs), so one reader
// serves both, plus what only the extension knows: the site, and what the person did (`taken`,
// written after the decision; hence no hash chain here, unlike the library's append-only trail).
function auditRecord(id, site, text, result, provenance) {
  const entities = {};
  for (const f of result.findings) entities[f.entity] = (entities[f.entity] ?? 0) + 1;
  return {
    timestamp_ms: Date.now(),
    operation: 'protect',
    scrim: provenance.scrim,
    policy: provenance.policy,
    models: provenance.models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
    entities,
    scores: Object.fromEntries(Object.entries(result.scores ?? {}).map(([k, v]) => [k, Math.round(v * 1e4) / 1e4])),
    decision: result.decision.action,
    reasons: result.decision.reasons.map((r) => `${r.kind}:${r.name}`),
    replaced: result.findings.filter((f) => f.replacement !== undefined).length,
    input_bytes: new TextEncoder().encode(text).length,
    id,
    site,
    taken: 'pending',
  };
}

// changed: typed into while being checked, so checked again (a new record follows).
const TAKEN = new Set(['sent', 'sent-redacted', 'sent-anyway', 'edit', 'stopped', 'changed']);

const handlers = {
  /** From a content script: screen a prompt before the page may send it. */
  async screen({ text }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('screen: only content scripts in a tab may ask');
    const site = new URL(sender.url ?? sender.tab.url).hostname;
    const { allowSites } = await loadSettings();
    if (isAllowListed(site, allowSites)) return { skip: true };
    const scrim = await engineFor(tabId);
    const result = scrim.protect(text);
    const id = crypto.randomUUID();
    const record = auditRecord(id, site, text, result, scrim.provenance);
    await Promise.all([
      storeVault(tabId, scrim.exportVault({ key: await vaultSealingKey() })),
      appendAudit((audit) => audit.push({ seq: (audit.at(-1)?.seq ?? 0) + 1, ...record })),
    ]);
    return screening(result, id);
  },

  /** From a content script: what the person did with a screened prompt. */
  async taken({ id, taken }) {
    if (!TAKEN.has(taken)) throw new Error(`taken: unknown action "${taken}"`);
    await appendAudit((audit) => {
      const record = audit.findLast((r) => r.id === id);
      if (record) record.taken = taken;
    });
    return {};
  },

  /** From a content script: which of these texts hold placeholders this tab's vault can restore. */
  async restorable({ texts }, sender) {
    if (!(await hasVault(sender.tab.id))) return { restorable: texts.map(() => false) };
    const scrim = await engineFor(sender.tab.id);
    return { restorable: texts.map((t) => scrim.restore(t) !== t) };
  },

  /** From a content script: a reply with real values, to be shown to the person only. */
  async restore({ text }, sender) {
    if (!(await hasVault(sender.tab.id))) return { text };
    const scrim = await engineFor(sender.tab.id);
    return { text: scrim.restore(text) };
  },

  /** From the options page: `error` if the policy is invalid, else the effective policy. */
  async checkPolicy({ policy }) {
    await defaultEngine;
    const error = Scrim.checkPolicy(policy);
    if (error !== undefined) return { error };
    const scrim = await Scrim.create(policy, { wasm: WASM });
    try {
      return { effective: scrim.policy, provenance: scrim.provenance };
    } finally {
      scrim.free();
    }
  },

  /** From the options page: scan a sample under the saved policy (no placeholder is minted). */
  async scan({ text }) {
    const { policy } = await loadSettings();
    const scrim = await Scrim.create(policy, { wasm: WASM });
    try {
      return { result: scrim.scan(text), provenance: scrim.provenance };
    } finally {
      scrim.free();
    }
  },
};

const fromExtensionPage = (sender) => sender.url?.startsWith(chrome.runtime.getURL('')) && !sender.tab?.url?.startsWith('http');
const pageOnly = new Set(['checkPolicy', 'scan']);

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = Object.hasOwn(handlers, message?.type) ? handlers[message.type] : undefined;
  if (!handler || (pageOnly.has(message.type) && !fromExtensionPage(sender))) {
    sendResponse({ error: `scrim: no such request "${message?.type}"` });
    return false;
  }
  handler(message, sender).then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
  return true; // answered asynchronously
});
