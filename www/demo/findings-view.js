// The prompt with its findings marked inline, the table of findings, what the model receives and
// the decision.
import { el, fill, score } from './dom.js';

/** What confirmed a finding beyond its pattern (`finding.confirmed`). */
const CONFIRMED = {
  checksum: 'a checksum confirms it',
  structure: 'its structure confirms it (no checksum exists)',
  deny_list: "on the policy's deny list",
};

/** What each action means for the person typing. */
export const ACTIONS = {
  allow: 'sent as typed',
  warn: 'sent unchanged, and you are told why',
  redact: 'sent with the values replaced',
  block: 'not sent',
};

/** A broad family for the colour of a mark; the mark's text always names the exact type. */
function family(entity) {
  if (/PERSON|NAME|LOCATION|ORGANIZATION|ADDRESS$|POSTCODE|DATE_OF_BIRTH/.test(entity) && !/EMAIL|IP_|MAC_/.test(entity)) return 'identity';
  if (/EMAIL|PHONE|URL|IP_ADDRESS|MAC_ADDRESS|HOSTNAME/.test(entity)) return 'contact';
  if (/CARD|IBAN|BANK|SWIFT|BIC|CRYPTO|ROUTING/.test(entity)) return 'finance';
  if (/KEY|TOKEN|SECRET|PASSWORD|JWT|WEBHOOK|CREDENTIAL/.test(entity)) return 'secret';
  if (/INJECTION|HIDDEN/.test(entity)) return 'injection';
  return 'id';
}

/** Who found it: the recognizer or model and the pattern. */
export function foundBy(source) {
  if (!source) return 'unknown';
  return `${source.kind} ${source.name}${source.pattern ? ` (${source.pattern})` : ''}`;
}

function details(f) {
  return [
    ['Type', f.entity],
    ['Text', f.text],
    ['Score', `${score(f.score)}${f.confirmed ? ` (${CONFIRMED[f.confirmed] ?? f.confirmed})` : ''}`],
    ['Found by', foundBy(f.source)],
    ['Action', `${f.action}: ${ACTIONS[f.action] ?? ''}`],
    f.replacement !== undefined ? ['Sent as', f.replacement === '' ? '(removed)' : f.replacement] : null,
    f.explanation?.length ? ['Why', f.explanation.join('; ')] : null,
  ].filter(Boolean);
}

/** Findings that do not overlap an earlier one (the engine merges them; this only guards the view). */
function disjoint(findings) {
  const out = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (f.start >= at) {
      out.push(f);
      at = f.end;
    }
  }
  return out;
}

export class FindingsView {
  constructor({ highlighted, tooltip, table, redacted, decision }) {
    Object.assign(this, { highlighted, tooltip, table, redacted, decision });
    const show = (event) => {
      const mark = event.target.closest?.('mark[data-finding]');
      if (mark) this.#showTooltip(mark);
    };
    highlighted.addEventListener('mouseover', show);
    highlighted.addEventListener('focusin', show);
    highlighted.addEventListener('mouseleave', () => this.#hideTooltip());
    highlighted.addEventListener('focusout', () => this.#hideTooltip());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.#hideTooltip();
    });
  }

  render(text, result) {
    this.findings = disjoint(result.findings ?? []);
    this.#renderHighlights(text);
    this.#renderTable();
    fill(this.redacted, result.text ?? '');
    this.#renderDecision(result.decision);
    // Which draft the view shows (the browser tests wait on it).
    this.highlighted.dataset.scanned = text;
  }

  #renderHighlights(text) {
    const parts = [];
    let at = 0;
    this.findings.forEach((f, i) => {
      if (f.start > at) parts.push(text.slice(at, f.start));
      parts.push(el('mark', {
        class: `finding family-${family(f.entity)} action-${f.action}`,
        tabindex: 0,
        'data-finding': i,
        'aria-describedby': 'tooltip',
      }, el('span', { class: 'tag', 'aria-hidden': 'true' }, `[${f.entity}]`),
      el('span', { class: 'visually-hidden' }, `${f.entity}, ${f.action}: `),
      text.slice(f.start, f.end)));
      at = f.end;
    });
    parts.push(text.slice(at));
    if (text === '') parts.push(el('span', { class: 'empty' }, 'Type something in the prompt.'));
    else if (this.findings.length === 0) parts.push(el('span', { class: 'empty' }, ' (nothing found)'));
    fill(this.highlighted, parts);
  }

  #renderTable() {
    const body = this.table.tBodies[0];
    if (this.findings.length === 0) {
      fill(body, el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No findings.')));
      return;
    }
    fill(body, this.findings.map((f, i) => el('tr', { 'data-finding': i, class: `action-${f.action}` },
      el('td', {}, el('span', { class: `chip family-${family(f.entity)}` }, f.entity)),
      el('td', { class: 'value' }, f.text),
      el('td', { class: 'num' }, score(f.score), f.confirmed ? el('span', { title: CONFIRMED[f.confirmed] ?? f.confirmed }, ' ✓') : null),
      el('td', {}, foundBy(f.source)),
      el('td', {}, el('span', { class: `action action-${f.action}` }, f.action),
        f.replacement !== undefined ? [' → ', el('span', { class: 'value' }, f.replacement === '' ? '(removed)' : f.replacement)] : null))));
  }

  #renderDecision(decision) {
    if (!decision) {
      fill(this.decision);
      return;
    }
    const { action, reasons = [] } = decision;
    fill(this.decision,
      el('p', { class: `verdict action-${action}` },
        el('span', { class: 'action-word' }, action.toUpperCase()), ` — ${ACTIONS[action] ?? ''}`),
      reasons.length
        ? el('ul', { class: 'reasons' }, reasons.map((r) => el('li', {},
          el('span', { class: `action action-${r.action}` }, r.action), ' ', r.message)))
        : el('p', { class: 'help' }, 'Nothing in this prompt calls for more than allow.'));
  }

  #showTooltip(mark) {
    const f = this.findings[Number(mark.dataset.finding)];
    if (!f) return;
    fill(this.tooltip, el('dl', {}, details(f).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
    this.tooltip.hidden = false;
    const box = mark.getBoundingClientRect();
    const host = this.tooltip.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0 };
    this.tooltip.style.left = `${Math.max(0, box.left - host.left)}px`;
    this.tooltip.style.top = `${box.bottom - host.top + 6}px`;
    for (const row of this.table.tBodies[0].rows) row.classList.toggle('current', row.dataset.finding === mark.dataset.finding);
  }

  #hideTooltip() {
    this.tooltip.hidden = true;
    for (const row of this.table.tBodies[0].rows) row.classList.remove('current');
  }
}
