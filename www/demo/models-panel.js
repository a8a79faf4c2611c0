// "About the models": the committed model cards (models/*.md) and sidecars (models/*.json), as
// scripts/build-demo.mjs packed them into models.json. Markdown arrives as blocks; inline marks
// (`code`, **bold**, [links](url)) become elements here. Links are shown, not followed: this page
// makes no request to another origin.
import { el, fill } from './dom.js';

function inline(text) {
  const out = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)]+)\)/g;
  let at = 0;
  for (const m of text.matchAll(re)) {
    out.push(text.slice(at, m.index));
    if (m[1] !== undefined) out.push(el('code', {}, m[1]));
    else if (m[2] !== undefined) out.push(el('strong', {}, m[2]));
    else out.push(m[3], el('span', { class: 'link-target' }, ` (${m[4]})`));
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

function block(b) {
  switch (b.type) {
    case 'list': return el(b.ordered ? 'ol' : 'ul', {}, b.items.map((item) => el('li', {}, inline(item))));
    case 'code': return el('pre', { class: 'code', tabindex: 0 }, b.text);
    case 'table': return el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': b.caption ?? 'table' },
      el('table', {}, el('thead', {}, el('tr', {}, b.header.map((h) => el('th', { scope: 'col' }, inline(h))))),
        el('tbody', {}, b.rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, inline(c))))))));
    default: return el('p', {}, inline(b.text));
  }
}

const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);

export function renderModels(container, site, provenance) {
  const models = site?.models ?? [];
  if (models.length === 0) {
    fill(container, el('p', { class: 'empty' }, 'No models were committed when this page was built.'));
    return;
  }
  const inEngine = new Set((provenance?.models ?? []).map((m) => m.name));
  fill(container,
    el('p', { class: 'help' }, `Built from the repository's models/ folder on ${site.builtAt?.slice(0, 10) ?? 'an unknown date'}. `,
      inEngine.size ? `This engine build runs: ${[...inEngine].join(', ')}.` : 'This engine build reports no models in its provenance yet.'),
    models.map((m) => el('details', { class: 'model', 'data-model': m.name },
      el('summary', {}, el('strong', {}, m.name), ` ${m.version ?? ''}`, el('span', { class: 'help' }, inEngine.has(m.name) ? ' (running in this engine)' : ' (not in this engine build)')),
      el('dl', { class: 'model-facts' },
        m.labels ? [el('dt', {}, 'Labels'), el('dd', {}, m.labels.join(', '))] : null,
        m.size_bytes ? [el('dt', {}, 'Size'), el('dd', {}, kb(m.size_bytes))] : null,
        m.sha256 ? [el('dt', {}, 'sha256'), el('dd', { class: 'hash' }, m.sha256)] : null,
        m.head ? [el('dt', {}, 'Head'), el('dd', {}, m.head)] : null,
        m.thresholds ? [el('dt', {}, 'Recommended thresholds'), el('dd', {}, Object.entries(m.thresholds).map(([k, v]) => `${k}: ${typeof v === 'object' ? Object.entries(v).map(([a, b]) => `${a} ${b}`).join(', ') : v}`).join('; '))] : null),
      m.card
        ? el('div', { class: 'card' }, m.card.sections.map((s) => el('section', {},
          s.heading ? el(s.level <= 2 ? 'h3' : 'h4', {}, inline(s.heading)) : null,
          s.blocks.map(block))))
        : el('p', { class: 'empty' }, `No model card committed yet (models/${m.name}.md).`))));
}
