// The policy panel: placeholders or pseudonyms, entity types on/off with their operator, and the
// JSON of the overrides with every error shown at the line it is about.
import { debounce, el, fill } from './dom.js';

const MODES = [
  ['placeholder', 'Placeholders', '[EMAIL_ADDRESS_1]: restorable'],
  ['pseudonym', 'Pseudonyms', 'realistic stand-ins: restorable'],
  ['mask', 'Masks', '****1111: one-way'],
  ['hash', 'Keyed hashes', '[EMAIL_ADDRESS#…]: one-way'],
  ['redact', 'Nothing', 'the value is removed'],
];

/** 1-based line and column of a character offset. */
export function lineColumn(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1).length + 1 };
}

/** Where a JSON.parse error is, from V8's "... at position N" or "(line L column C)". */
export function syntaxErrorAt(text, message) {
  const lc = message.match(/line (\d+) column (\d+)/);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = message.match(/position (\d+)/);
  if (pos) return lineColumn(text, Number(pos[1]));
  if (/end of JSON input/.test(message)) return lineColumn(text, text.length);
  return null;
}

/**
 * Where the field an engine message names (`policy.entities.EMAIL_ADDRESS.operator: ...`,
 * `policy.custom[1].score: ...`) is written in the JSON text: each key is looked for after the
 * previous one, the `[i]`-th object of an array by counting its opening braces.
 */
export function fieldAt(text, message) {
  const path = message.match(/^policy((?:\.[A-Za-z0-9_]+|\[\d+\])+)/)?.[1];
  if (!path) return null;
  let at = 0;
  let found = false;
  for (const [, key, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    if (key !== undefined) {
      const i = text.indexOf(`"${key}"`, at);
      if (i < 0) break;
      at = i;
      found = true;
    } else {
      let i = text.indexOf('[', at);
      for (let n = 0; n <= Number(index) && i >= 0; n += 1) i = text.indexOf('{', i + 1);
      if (i < 0) break;
      at = i;
    }
  }
  return found ? lineColumn(text, at) : null;
}

export class PolicyPanel {
  /** `apply(policy)` rebuilds the engine and resolves to { error } (null when it took the policy). */
  constructor({ modes, note, toggles, entityList, entityCount, json, error, reset }, { apply }) {
    Object.assign(this, { modes, note, toggles, entityList, entityCount, json, error, reset, apply });
    this.overrides = {};
    this.json.value = '{}\n';
    this.json.addEventListener('input', debounce(() => this.#fromJson(), 300));
    reset.addEventListener('click', () => this.#set({}));
  }

  /** Offer the replacement modes the engine accepts and say which it does not. */
  setOperators(accepted, candidates) {
    this.accepted = accepted;
    const missing = candidates.filter((o) => !accepted.includes(o));
    fill(this.modes, MODES.filter(([op]) => candidates.includes(op)).map(([op, label, hint]) => el('label', { class: accepted.includes(op) ? '' : 'unavailable' },
      el('input', { type: 'radio', name: 'mode', value: op, disabled: !accepted.includes(op), checked: op === 'placeholder', onchange: () => this.#setDefaultOperator(op) }),
      ` ${label} `, el('span', { class: 'help' }, accepted.includes(op) ? `(${hint})` : '(not in this engine build)'))));
    fill(this.note, `Operators this engine accepts: ${accepted.join(', ')}. `,
      missing.length ? `Not accepted by this build: ${missing.join(', ')} (asked with Scrim.checkPolicy, so the list follows the engine).` : '');
  }

  /** The entity types the page knows of, grouped as in src/recognizer/ (generic, country, secret, model). */
  setEntities(groups) {
    this.entityNames = groups.flatMap((g) => g.entities);
    this.entityCount.textContent = String(this.entityNames.length);
    fill(this.entityList, groups.map((g) => el('fieldset', { class: 'entity-group' },
      el('legend', {}, g.label),
      g.entities.map((entity) => el('div', { class: 'entity-row', 'data-entity': entity },
        el('label', {}, el('input', { type: 'checkbox', checked: true, 'data-role': 'on', onchange: () => this.#toggle(entity) }), ` ${entity}`),
        el('label', { class: 'visually-hidden', for: `op-${entity}` }, `Operator for ${entity}`),
        el('select', { id: `op-${entity}`, 'data-role': 'operator', onchange: (e) => this.#setEntityOperator(entity, e.target.value) },
          el('option', { value: '' }, 'default operator'),
          (this.accepted ?? []).map((op) => el('option', { value: op }, op))))))));
  }

  #setDefaultOperator(operator) {
    const next = structuredClone(this.overrides);
    next.default = { ...next.default, operator };
    if (operator === 'placeholder' && Object.keys(next.default).length === 1) delete next.default;
    this.#set(next);
  }

  #toggle(entity) {
    const next = structuredClone(this.overrides);
    next.entities ??= {};
    const rule = { ...next.entities[entity] };
    if (rule.action === 'allow') delete rule.action;
    else rule.action = 'allow';
    if (Object.keys(rule).length) next.entities[entity] = rule;
    else delete next.entities[entity];
    if (Object.keys(next.entities).length === 0) delete next.entities;
    this.#set(next);
  }

  #setEntityOperator(entity, operator) {
    const next = structuredClone(this.overrides);
    next.entities ??= {};
    const rule = { ...next.entities[entity] };
    if (operator) rule.operator = operator;
    else delete rule.operator;
    if (Object.keys(rule).length) next.entities[entity] = rule;
    else delete next.entities[entity];
    if (Object.keys(next.entities).length === 0) delete next.entities;
    this.#set(next);
  }

  /** A change from the controls: rewrite the JSON, then apply. */
  #set(overrides) {
    this.json.value = `${JSON.stringify(overrides, null, 2)}\n`;
    this.#fromJson();
  }

  async #fromJson() {
    const text = this.json.value;
    let parsed;
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('the policy must be a JSON object ({ ... })');
    } catch (e) {
      this.#showError(`JSON: ${e.message}`, syntaxErrorAt(text, e.message) ?? { line: 1, column: 1 });
      return;
    }
    const { error } = await this.apply(parsed);
    if (text !== this.json.value) return; // edited again meanwhile; that edit reports for itself
    if (error) {
      this.#showError(error, fieldAt(text, error));
      return;
    }
    this.overrides = parsed;
    this.#clearError();
    this.#syncControls();
  }

  #syncControls() {
    const operator = this.overrides.default?.operator ?? 'placeholder';
    for (const input of this.modes.querySelectorAll('input[name=mode]')) input.checked = input.value === operator;
    for (const row of this.entityList.querySelectorAll('.entity-row')) {
      const rule = this.overrides.entities?.[row.dataset.entity] ?? {};
      row.querySelector('[data-role=on]').checked = rule.action !== 'allow';
      row.querySelector('[data-role=operator]').value = rule.operator ?? '';
    }
  }

  #showError(message, at) {
    this.json.setAttribute('aria-invalid', 'true');
    const lines = this.json.value.split('\n');
    const excerpt = at ? lines.slice(Math.max(0, at.line - 2), at.line + 1).map((line, i) => {
      const n = Math.max(1, at.line - 1) + i;
      return el('span', { class: n === at.line ? 'error-line' : '' }, `${n === at.line ? '▶' : ' '} ${String(n).padStart(3)} │ ${line}\n`);
    }) : null;
    fill(this.error,
      el('p', {}, el('strong', {}, at ? `Line ${at.line}, column ${at.column}: ` : 'Not applied: '), message),
      excerpt ? el('pre', { class: 'excerpt', 'aria-hidden': 'true' }, excerpt) : null,
      at ? el('button', { type: 'button', onclick: () => this.#select(at) }, `Go to line ${at.line}`) : null,
      el('p', { class: 'help' }, 'The engine keeps the last valid policy until this is fixed.'));
  }

  #clearError() {
    this.json.removeAttribute('aria-invalid');
    fill(this.error);
  }

  #select({ line, column }) {
    const lines = this.json.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    const end = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) - 1;
    this.json.focus();
    this.json.setSelectionRange(start, Math.max(start, end));
  }
}
