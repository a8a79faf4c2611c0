// The options page: the policy (JSON overrides, as the library takes them, validated by the engine's
// own Scrim.checkPolicy in the service worker), the allow-list of sites, a way to try the policy,
// and the audit trail. Settings live in chrome.storage.local.
const $ = (id) => document.getElementById(id);

function ask(message) {
  return chrome.runtime.sendMessage(message).then((res) => {
    if (res?.error !== undefined) throw new Error(res.error);
    return res;
  });
}

function say(id, text, ok) {
  const node = $(id);
  node.textContent = text;
  node.className = ok ? 'ok' : 'error';
}

/** A host name from what a person may paste: `https://Chat.Example.com/x` -> `chat.example.com`. */
function siteOf(line) {
  const s = line.trim().toLowerCase();
  if (!s) return '';
  try {
    return new URL(s.includes('://') ? s : `https://${s}`).hostname.replace(/^\*\./, '');
  } catch {
    return '';
  }
}

async function showEffective(policy) {
  const res = await chrome.runtime.sendMessage({ type: 'checkPolicy', policy });
  if (res?.effective) {
    $('effective').textContent = JSON.stringify(res.effective, null, 2);
    $('provenance').textContent = JSON.stringify(res.provenance, null, 2);
  }
}

async function savePolicy() {
  const source = $('policy').value.trim();
  let policy = null;
  if (source) {
    try {
      policy = JSON.parse(source);
    } catch (e) {
      say('policy-status', `Not saved: the policy is not valid JSON (${e.message}).`, false);
      return;
    }
    if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) {
      say('policy-status', 'Not saved: the policy must be a JSON object, e.g. {"entities": {...}}.', false);
      return;
    }
    const res = await chrome.runtime.sendMessage({ type: 'checkPolicy', policy });
    if (res?.error !== undefined) {
      say('policy-status', `Not saved: ${res.error}`, false);
      return;
    }
  }
  await chrome.storage.local.set({ policy });
  say('policy-status', policy ? 'Saved. New messages are screened with this policy.' : 'Saved: the default policy.', true);
  await showEffective(policy);
}

async function saveSites() {
  const lines = $('sites').value.split('\n').filter((l) => l.trim());
  const sites = lines.map(siteOf);
  const bad = lines.filter((_, i) => !sites[i]);
  if (bad.length) {
    say('sites-status', `Not saved: not a host name: ${bad.join(', ')}`, false);
    return;
  }
  const allowSites = [...new Set(sites)];
  await chrome.storage.local.set({ allowSites });
  $('sites').value = allowSites.join('\n');
  say('sites-status', allowSites.length ? `Saved: ${allowSites.length} site(s) not screened.` : 'Saved: every site is screened.', true);
}

async function check() {
  const verdict = $('verdict');
  verdict.replaceChildren();
  try {
    const { result } = await ask({ type: 'scan', text: $('sample').value });
    const p = document.createElement('p');
    p.textContent = `Decision: ${result.decision.action}`;
    const list = document.createElement('ul');
    for (const f of result.findings) {
      const li = document.createElement('li');
      li.textContent = `${f.entity} (${f.action}, score ${f.score.toFixed(2)}): ${f.text}`;
      list.append(li);
    }
    for (const [name, score] of Object.entries(result.scores ?? {})) {
      const li = document.createElement('li');
      li.textContent = `${name}: ${score.toFixed(3)}`;
      list.append(li);
    }
    for (const r of result.decision.reasons) {
      const li = document.createElement('li');
      li.textContent = `${r.action}: ${r.message}`;
      list.append(li);
    }
    verdict.append(p, list);
  } catch (e) {
    verdict.textContent = `Could not check: ${e.message}`;
  }
}

async function showAudit() {
  const { audit = [] } = await chrome.storage.local.get('audit');
  const rows = audit.slice(-20).reverse().map((r) => {
    const tr = document.createElement('tr');
    const found = [...Object.entries(r.entities).map(([k, n]) => `${k} ×${n}`),
      ...Object.entries(r.scores).filter(([, v]) => v >= 0.5).map(([k, v]) => `${k} ${v}`)].join(', ');
    for (const text of [new Date(r.timestamp_ms).toLocaleString(), r.site, found || '—', r.decision, r.taken]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  $('audit').tBodies[0].replaceChildren(...rows);
}

async function exportAudit() {
  const { audit = [] } = await chrome.storage.local.get('audit');
  const blob = new Blob(audit.map((r) => `${JSON.stringify(r)}\n`), { type: 'application/x-ndjson' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `scrim-audit-${new Date().toISOString().slice(0, 10)}.jsonl`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  say('audit-status', `Exported ${audit.length} record(s).`, true);
}

async function clearAudit() {
  await chrome.storage.local.set({ audit: [] });
  say('audit-status', 'Cleared.', true);
  await showAudit();
}

async function start() {
  const { policy, allowSites } = await chrome.storage.local.get({ policy: null, allowSites: [] });
  $('policy').value = policy ? JSON.stringify(policy, null, 2) : '';
  $('sites').value = allowSites.join('\n');
  $('save-policy').addEventListener('click', savePolicy);
  $('reset-policy').addEventListener('click', () => {
    $('policy').value = '';
    savePolicy();
  });
  $('save-sites').addEventListener('click', saveSites);
  $('check').addEventListener('click', check);
  $('export-audit').addEventListener('click', exportAudit);
  $('clear-audit').addEventListener('click', clearAudit);
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.audit) showAudit();
  });
  document.body.dataset.ready = 'true';
  await Promise.all([showEffective(policy), showAudit()]);
}

start();
