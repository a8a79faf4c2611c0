// Classifier scores as bars with the policy's thresholds drawn on them, and the words that drove
// each score (the explanations of issue 12), drawn over the prompt.
import { el, fill, score } from './dom.js';

const ORDER = ['toxicity', 'severe_toxicity', 'obscene', 'threat', 'insult', 'identity_attack', 'prompt_injection'];
const rank = (label) => (ORDER.includes(label) ? ORDER.indexOf(label) : ORDER.length);

function state(value, t) {
  if (!t) return 'no threshold in the policy';
  if (value >= t.block) return 'at or above block';
  if (value >= t.warn) return 'at or above warn';
  return 'below warn';
}

function marker(kind, at) {
  const node = el('span', { class: `threshold threshold-${kind}`, 'aria-hidden': 'true' }, el('span', {}, `${kind} ${score(at)}`));
  node.style.left = `${Math.min(at, 1) * 100}%`;
  return node;
}

export function renderScores(container, scores, thresholds, provenance) {
  const labels = Object.keys(scores ?? {}).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  if (labels.length === 0) {
    const models = provenance?.models?.map((m) => m.name).join(', ');
    fill(container, el('p', { class: 'empty', 'data-testid': 'no-scores' },
      'This engine build returned no classifier scores',
      models ? ` (models in its provenance: ${models}).` : ' (its provenance lists no models: the classifiers are not wired into this build yet).'));
    return;
  }
  fill(container, labels.map((label) => {
    const value = scores[label];
    const t = thresholds?.[label];
    const fillBar = el('span', { class: 'fill' });
    fillBar.style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
    const id = `score-${label}`;
    const level = !t ? 'none' : value >= t.block ? 'block' : value >= t.warn ? 'warn' : 'ok';
    return el('div', { class: `score level-${level}`, 'data-label': label },
      el('span', { class: 'score-label', id }, label.replaceAll('_', ' ')),
      el('div', {
        class: 'track', role: 'meter', 'aria-labelledby': id, 'aria-valuemin': 0, 'aria-valuemax': 1,
        'aria-valuenow': value, 'data-warn': t?.warn, 'data-block': t?.block, 'aria-valuetext': `${score(value)}, ${state(value, t)}`, 'data-testid': `bar-${label}`,
      }, fillBar, t ? marker('warn', t.warn) : null, t && t.block <= 1 ? marker('block', t.block) : null),
      el('span', { class: 'score-value' }, score(value), el('span', { class: 'score-state' }, ` ${state(value, t)}`)));
  }));
}

/**
 * Explanations in any of the shapes the engine may return, as a flat list of
 * { model, method, label, score, words: [{ word, start?, end?, contribution }] }:
 * an array of explanations, or an object keyed by model name; each explanation has `labels`
 * (as `LabelExplanation` in src/model/classifier.rs) or is itself one label.
 */
export function flattenExplanations(explanations) {
  if (!explanations) return [];
  const entries = Array.isArray(explanations) ? explanations.map((e) => [e.model ?? e.name, e]) : Object.entries(explanations);
  const out = [];
  for (const [model, e] of entries) {
    if (!e) continue;
    const labels = Array.isArray(e.labels) ? e.labels : [e];
    for (const l of labels) {
      if (!Array.isArray(l.words)) continue;
      out.push({ model: model ?? l.model ?? '', method: e.method ?? l.method ?? '', label: l.label, score: l.score, words: l.words });
    }
  }
  return out;
}

/** Where each explained word is in `text`: its offsets if they point at it, else the next match. */
function locate(text, words) {
  const lower = text.toLowerCase();
  let from = 0;
  const spans = [];
  for (const w of words) {
    let start = w.start;
    let end = w.end;
    const fits = Number.isInteger(start) && Number.isInteger(end) && lower.slice(start, end) === String(w.word).toLowerCase();
    if (!fits) {
      start = lower.indexOf(String(w.word).toLowerCase(), from);
      end = start + String(w.word).length;
    }
    if (start < 0) continue;
    spans.push({ ...w, start, end });
    from = end;
  }
  return spans.sort((a, b) => a.start - b.start);
}

const signed = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/** The labels worth explaining: those at or above warn, else each model's top label. */
function worthExplaining(list, thresholds) {
  const chosen = list.filter((e) => thresholds?.[e.label] && e.score >= thresholds[e.label].warn);
  for (const model of new Set(list.map((e) => e.model))) {
    if (chosen.some((e) => e.model === model)) continue;
    const top = list.filter((e) => e.model === model).sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
    if (top) chosen.push(top);
  }
  return chosen;
}

export function renderExplanations(container, text, explanations, scores, thresholds) {
  const list = flattenExplanations(explanations);
  if (list.length === 0) {
    fill(container, el('p', { class: 'empty', 'data-testid': 'no-explanations' },
      Object.keys(scores ?? {}).length === 0
        ? 'No classifier scores, so nothing to explain.'
        : 'This engine build does not return explanations of its scores yet.'));
    return;
  }
  fill(container, worthExplaining(list, thresholds).map((e) => {
    const spans = locate(text, e.words.filter((w) => Math.abs(w.contribution) > 1e-6));
    // Shades are relative to the strongest word, but never finer than 1 (logit units): a text of
    // only faint contributions stays faint.
    const max = Math.max(1, ...spans.map((s) => Math.abs(s.contribution)));
    const top = [...spans].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 5);
    const parts = [];
    let at = 0;
    for (const s of spans) {
      if (s.start < at) continue;
      parts.push(text.slice(at, s.start));
      const strength = Math.ceil((Math.abs(s.contribution) / max) * 4);
      parts.push(el('span', {
        class: `word ${s.contribution >= 0 ? 'up' : 'down'} strength-${strength}`,
        title: `${signed(s.contribution)} to ${e.label}`,
      }, text.slice(s.start, s.end), top.includes(s) ? el('sub', { class: 'contribution' }, `${s.contribution >= 0 ? '▲' : '▼'}${Math.abs(s.contribution).toFixed(2)}`) : null));
      at = s.end;
    }
    parts.push(text.slice(at));
    return el('figure', { class: 'explanation', 'data-label': e.label },
      el('figcaption', {}, el('strong', {}, e.label.replaceAll('_', ' ')), ` ${score(e.score)}`,
        e.method ? el('span', { class: 'help' }, ` (${e.model ? `${e.model} model, ` : ''}${e.method})`) : null),
      el('p', { class: 'explained-text' }, parts),
      el('p', { class: 'help' }, 'Words that moved it most: ',
        top.length ? top.map((s, i) => [i ? ', ' : '', el('q', {}, s.word), ` ${signed(s.contribution)}`]) : 'none'));
  }));
}
