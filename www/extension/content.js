// scrim's content script: screens a prompt box's text before the page may send it.
//
// It watches textarea, input[type=text] and contenteditable prompt boxes. A send (Enter, a click on
// the box's send button, or its form's submit) is held back while the extension's service worker
// screens the text; then, by the decision:
//   allow  -> the send goes through unchanged
//   warn   -> an inline panel says why, with "Send anyway" / "Edit"
//   redact -> an inline panel lists the findings, with "Send redacted" / "Send anyway" / "Edit"
//   block  -> an inline panel says why the message was stopped, with "Edit" only
// Replies on the page that hold this tab's placeholders get a "Show real values" toggle; the real
// values are drawn in a closed shadow root, which the page's scripts cannot read.
//
// A classic script (content scripts cannot be modules) with no imports: the engine is not here.
(() => {
  'use strict';

  const SEND_WORDS = /\b(send|submit|ask|senden|absenden|envoyer|enviar|invia)\b/i;
  const PROMPT_WORDS = /prompt|message|chat|ask|question|query|nachricht|mensaje/i;
  const UI = 'data-scrim-ui';
  const LABELS = {
    EMAIL_ADDRESS: 'Email address', PHONE_NUMBER: 'Phone number', CREDIT_CARD: 'Card number',
    IBAN_CODE: 'IBAN', IP_ADDRESS: 'IP address', US_SSN: 'US Social Security number', PERSON: 'Name',
    LOCATION: 'Place', ORGANIZATION: 'Organisation', URL: 'Link', DATE_OF_BIRTH: 'Date of birth',
    toxicity: 'Toxicity', severe_toxicity: 'Severe toxicity', obscene: 'Obscenity', threat: 'Threat',
    insult: 'Insult', identity_attack: 'Identity attack', prompt_injection: 'Prompt injection',
  };
  const label = (name) => LABELS[name] ?? name.toLowerCase().replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

  let releasing = false; // true while scrim itself re-sends a prompt the person approved
  let lastBox = null;
  let panel = null; // { host, box, reposition }
  let allowListed = false;
  const enterIsNewline = new WeakSet(); // boxes where Enter turned out not to send
  const checking = new WeakMap(); // box -> the held send whose text is being checked

  // --- settings: on an allow-listed site nothing is intercepted --------------------------------

  function applySettings({ allowSites = [] }) {
    const host = location.hostname.toLowerCase();
    allowListed = allowSites.some((site) => host === site || host.endsWith(`.${site}`));
  }
  chrome.storage.local.get({ allowSites: [] }).then(applySettings, () => {});
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.allowSites) applySettings({ allowSites: changes.allowSites.newValue ?? [] });
  });

  // --- prompt boxes ------------------------------------------------------------------------------

  function editingHost(el) {
    let host = el;
    while (host.parentElement?.isContentEditable) host = host.parentElement;
    return host;
  }

  function promptBoxOf(target) {
    if (!(target instanceof HTMLElement) || target.closest(`[${UI}]`)) return null;
    if (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === 'text')) {
      if (target.readOnly || target.disabled) return null;
      if (target.form?.querySelector('input[type=password]')) return null; // a sign-in form, not a chat
      return target;
    }
    return target.isContentEditable ? editingHost(target) : null;
  }

  const multiline = (box) => !(box instanceof HTMLInputElement);

  function textOf(box) {
    return box.isContentEditable ? box.innerText.replace(/\n$/, '') : box.value;
  }

  function setText(box, text) {
    box.focus();
    if (box.isContentEditable) getSelection().selectAllChildren(box);
    else box.select();
    // insertText goes through the editor's own input handling (React, ProseMirror...) and undo.
    if (textOf(box) === text) return;
    if (!document.execCommand('insertText', false, text) || textOf(box) !== text) {
      if (box.isContentEditable) box.textContent = text;
      else Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), 'value').set.call(box, text);
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    }
  }

  /** What an element is called; a button's label includes its text, a box's never its content. */
  function describe(el, ownText = false) {
    return [el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('data-testid'),
      el.id, el.getAttribute('name'), el.getAttribute('placeholder'),
      ...(ownText ? [el.getAttribute('value'), el.textContent.slice(0, 100)] : [])]
      .filter((s) => typeof s === 'string').join(' ');
  }

  /** The button that sends this box's text: its form's submit button, or a "Send" button nearby. */
  function sendButtonFor(box) {
    const form = box.form ?? box.closest('form');
    const submit = form?.querySelector('button[type=submit], button:not([type]), input[type=submit]');
    if (submit) return submit;
    let scope = box.parentElement;
    for (let depth = 0; scope && depth < 5; depth += 1, scope = scope.parentElement) {
      for (const button of scope.querySelectorAll('button, [role=button], input[type=submit]')) {
        if (!button.closest(`[${UI}]`) && SEND_WORDS.test(describe(button, true))) return button;
      }
    }
    return null;
  }

  function looksLikePrompt(box) {
    return PROMPT_WORDS.test(describe(box)) || sendButtonFor(box) !== null;
  }

  // --- holding a send back -----------------------------------------------------------------------

  function hold(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  addEventListener('focusin', (e) => {
    const box = promptBoxOf(e.target);
    if (box) lastBox = box;
  }, true);

  addEventListener('keydown', (e) => {
    if (releasing || allowListed || !e.isTrusted) return;
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.isComposing || e.keyCode === 229) return;
    const box = promptBoxOf(e.target);
    if (!box || !textOf(box).trim()) return;
    const held = checking.get(box);
    if (held) {
      // Enter again before the last one was decided: it does what that one turns out to do.
      hold(e);
      held.carets?.push(caretOf(box));
      return;
    }
    if (multiline(box) && !(e.ctrlKey || e.metaKey) && (enterIsNewline.has(box) || !looksLikePrompt(box))) return;
    if (!multiline(box) && !box.form && !looksLikePrompt(box)) return;
    hold(e);
    screenAndSend(box, { kind: 'enter', ctrlKey: e.ctrlKey, metaKey: e.metaKey, carets: [caretOf(box)] });
  }, true);

  addEventListener('click', (e) => {
    if (releasing || allowListed || !e.isTrusted || !(e.target instanceof Element)) return;
    if (e.target.closest(`[${UI}]`)) return;
    const button = e.target.closest('button, [role=button], input[type=submit]');
    if (!button) return;
    let box = lastBox?.isConnected && sendButtonFor(lastBox) === button ? lastBox : null;
    box ??= [...(button.form?.elements ?? [])].map(promptBoxOf).find((b) => b && textOf(b).trim()) ?? null;
    if (!box || !textOf(box).trim()) return;
    hold(e);
    screenAndSend(box, { kind: 'click', button });
  }, true);

  addEventListener('submit', (e) => {
    if (releasing || allowListed || !(e.target instanceof HTMLFormElement)) return;
    const box = [...e.target.elements].map(promptBoxOf).find((b) => b && textOf(b).trim())
      ?? [...e.target.querySelectorAll('[contenteditable]')].map(promptBoxOf).find((b) => b && textOf(b).trim());
    if (!box) return;
    hold(e);
    screenAndSend(box, { kind: 'submit', form: e.target, submitter: e.submitter });
  }, true);

  /** Where Enter was pressed: keys typed while scrim checks the text land after it. */
  function caretOf(box) {
    if (!box.isContentEditable) return box.selectionStart;
    const selection = getSelection();
    if (!selection.rangeCount) return null;
    const range = selection.getRangeAt(0).cloneRange(); // a live range: it follows later typing
    range.collapse(true);
    return range;
  }

  /** The new line Enter would have made, where it was pressed, keeping the caret where it is now. */
  function newLineAt(box, caret) {
    if (!box.isContentEditable) {
      const pos = Math.min(caret ?? box.selectionStart, box.value.length);
      const [start, end] = [box.selectionStart, box.selectionEnd];
      box.setSelectionRange(pos, pos);
      document.execCommand('insertText', false, '\n');
      if (start >= pos) box.setSelectionRange(start + 1, end + 1);
      return;
    }
    const selection = getSelection();
    const now = selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    if (caret && box.contains(caret.startContainer)) {
      selection.removeAllRanges();
      selection.addRange(caret);
    }
    document.execCommand('insertLineBreak');
    if (now && caret && now.compareBoundaryPoints(Range.START_TO_START, caret) > 0) {
      selection.removeAllRanges();
      selection.addRange(now);
    }
  }

  /** Do the send the person asked for, now that it is approved; scrim's own listeners stand aside. */
  function release(box, via) {
    releasing = true;
    try {
      if (via.kind === 'click' && via.button.isConnected) {
        via.button.click();
        return;
      }
      if (via.kind === 'submit' && via.form.isConnected) {
        via.form.requestSubmit(via.submitter?.isConnected && via.submitter.form === via.form ? via.submitter : undefined);
        return;
      }
      box.focus();
      const init = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true, ctrlKey: !!via.ctrlKey, metaKey: !!via.metaKey };
      let consumed = !box.dispatchEvent(new KeyboardEvent('keydown', init));
      if (!consumed) consumed = !box.dispatchEvent(new KeyboardEvent('keypress', { ...init, charCode: 13 }));
      box.dispatchEvent(new KeyboardEvent('keyup', init));
      if (consumed) return;
      // The page did not take Enter as "send": do what Enter does by default.
      const form = box.form ?? box.closest('form');
      if (!multiline(box)) {
        const button = sendButtonFor(box);
        if (form) form.requestSubmit(button?.form === form && button.type === 'submit' ? button : undefined);
        return;
      }
      enterIsNewline.add(box);
      const carets = via.carets ?? [null];
      // Last first, so an earlier new line does not move the places of later ones.
      if (!box.isContentEditable) carets.sort((a, b) => (b ?? Infinity) - (a ?? Infinity));
      else carets.reverse();
      for (const caret of carets) newLineAt(box, caret);
    } finally {
      releasing = false;
    }
  }

  function report(id, taken) {
    if (id) chrome.runtime.sendMessage({ type: 'taken', id, taken }).catch(() => {});
  }

  async function screenAndSend(box, via) {
    checking.set(box, via);
    try {
      await screen(box, via);
    } finally {
      if (checking.get(box) === via) checking.delete(box);
    }
  }

  async function screen(box, via) {
    const text = textOf(box);
    closePanel();
    let res;
    try {
      res = await chrome.runtime.sendMessage({ type: 'screen', text });
    } catch (e) {
      res = { error: String(e?.message ?? e) };
    }
    res ??= { error: 'the extension did not answer' };
    if (textOf(box) !== text) {
      // Typed into while being checked: what was checked is not what would be sent.
      report(res.id, 'changed');
      await screen(box, via);
      return;
    }
    if (res.skip || res.action === 'allow') {
      release(box, via);
      report(res.id, 'sent');
      return;
    }
    if (res.action === 'block') report(res.id, 'stopped');
    showPanel(box, via, text, res);
  }

  // --- the panel ---------------------------------------------------------------------------------

  const PANEL_CSS = `
    :host { all: initial; }
    section { box-sizing: border-box; font: 14px/1.45 system-ui, sans-serif; color: #1b1b1f; background: #fff;
      border: 1px solid #8a8a96; border-left: 6px solid #b26b00; border-radius: 8px; padding: 12px 14px;
      box-shadow: 0 6px 24px rgb(0 0 0 / .22); max-height: 60vh; overflow: auto; }
    section.block, section.error { border-left-color: #b3261e; }
    h2 { font-size: 15px; margin: 0 0 4px; }
    p { margin: 0 0 8px; }
    ul { margin: 0 0 10px; padding-left: 18px; }
    li { margin: 2px 0; }
    code { font: 13px/1.3 ui-monospace, monospace; background: #f1f1f4; padding: 0 3px; border-radius: 3px; word-break: break-all; }
    .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
    button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid #55555f; background: #fff; color: #1b1b1f; cursor: pointer; }
    button.primary { background: #1b4fd8; border-color: #1b4fd8; color: #fff; }
    button:focus-visible { outline: 3px solid #1b4fd8; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      section { background: #22222a; color: #ececf1; border-color: #77778a; }
      code { background: #33333d; } button { background: #22222a; color: #ececf1; border-color: #9a9aab; }
      button.primary { background: #5b8cff; border-color: #5b8cff; color: #0b0b10; }
    }`;

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  }

  const shorten = (s) => (s.length > 60 ? `${s.slice(0, 28)}…${s.slice(-28)}` : s);

  function findingItems(res) {
    const items = res.findings.filter((f) => f.action !== 'allow').map((f) => el('li', {},
      `${label(f.entity)}: `, el('code', {}, shorten(f.text)),
      ...(f.action === 'redact' && f.replacement !== undefined ? [' → ', el('code', {}, f.replacement || '(removed)')] : []),
      ...(f.action === 'block' ? [' (not allowed)'] : [])));
    for (const r of res.reasons.filter((r) => r.kind !== 'entity')) {
      items.push(el('li', {}, `${label(r.name)} ${r.score.toFixed(2)}: ${r.message}`));
    }
    return items;
  }

  function showPanel(box, via, text, res) {
    closePanel();
    const kind = res.error ? 'error' : res.action;
    const titleId = 'scrim-title';
    const descId = 'scrim-desc';
    const section = el('section', {
      class: kind, role: kind === 'block' || kind === 'error' ? 'alertdialog' : 'dialog',
      'aria-modal': 'false', 'aria-labelledby': titleId, 'aria-describedby': descId,
    });
    const stillSame = () => textOf(box) === text;
    const done = (taken, then) => () => {
      closePanel();
      if (taken !== 'edit' && !stillSame()) {
        screenAndSend(box, via); // edited while the panel was open: screen what is there now
        return;
      }
      then?.();
      if (res.id && kind !== 'block') report(res.id, taken);
    };
    const edit = done('edit', () => box.focus());
    const buttons = [];
    if (kind === 'redact') {
      section.append(
        el('h2', { id: titleId }, 'Personal data in your message'),
        el('p', { id: descId }, 'scrim can replace these values before this site receives your message. Replies that use the replacements can be shown with the real values, to you only.'),
        el('ul', {}, ...findingItems(res)));
      buttons.push(
        el('button', { class: 'primary', onclick: done('sent-redacted', () => {
          setText(box, res.text);
          release(box, { ...via, carets: undefined }); // the text changed: a new line, if any, goes at the caret
        }) }, 'Send redacted'),
        el('button', { onclick: done('sent-anyway', () => release(box, via)) }, 'Send anyway'));
    } else if (kind === 'warn') {
      section.append(
        el('h2', { id: titleId }, 'Check before sending'),
        el('p', { id: descId }, 'Your message will be sent as it is. scrim noticed:'),
        el('ul', {}, ...findingItems(res)));
      buttons.push(el('button', { class: 'primary', onclick: done('sent-anyway', () => release(box, via)) }, 'Send anyway'));
    } else if (kind === 'block') {
      section.append(
        el('h2', { id: titleId }, 'Not sent'),
        el('p', { id: descId }, 'Your policy does not allow this message to be sent:'),
        el('ul', {}, ...findingItems(res)));
    } else {
      section.append(
        el('h2', { id: titleId }, 'scrim could not check this message'),
        el('p', { id: descId }, `Nothing has been sent. ${res.error}`));
      buttons.push(el('button', { onclick: done('sent-anyway', () => release(box, via)) }, 'Send unchecked'));
    }
    buttons.push(el('button', { class: kind === 'block' ? 'primary' : '', onclick: edit }, 'Edit'));
    section.append(el('div', { class: 'buttons' }, ...buttons));
    section.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        edit();
      }
    });

    const host = el('div', { [UI]: 'panel' });
    host.style.cssText = 'position:fixed;z-index:2147483647;margin:0;padding:0;';
    const root = host.attachShadow({ mode: 'open' });
    root.append(el('style', {}, PANEL_CSS), section);
    (document.body ?? document.documentElement).append(host);

    const reposition = () => {
      const rect = box.getBoundingClientRect();
      const width = Math.min(520, innerWidth - 16);
      host.style.width = `${width}px`;
      host.style.left = `${Math.max(8, Math.min(rect.left, innerWidth - width - 8))}px`;
      const height = host.offsetHeight;
      const top = rect.top - height - 8 >= 8 ? rect.top - height - 8 : Math.min(rect.bottom + 8, innerHeight - height - 8);
      host.style.top = `${Math.max(8, top)}px`;
    };
    reposition();
    addEventListener('resize', reposition);
    addEventListener('scroll', reposition, true);
    panel = { host, box, reposition };
    buttons[0].focus();
  }

  function closePanel() {
    if (!panel) return;
    removeEventListener('resize', panel.reposition);
    removeEventListener('scroll', panel.reposition, true);
    panel.host.remove();
    panel = null;
  }

  // --- "Show real values" on replies -------------------------------------------------------------

  const REVEAL_CSS = `
    :host { all: initial; display: block; margin: 4px 0; font: 13px/1.45 system-ui, sans-serif; }
    button { font: inherit; padding: 2px 10px; border-radius: 6px; border: 1px solid #55555f; background: #fff; color: #1b1b1f; cursor: pointer; }
    button:focus-visible { outline: 3px solid #1b4fd8; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) { button { background: #22222a; color: #ececf1; border-color: #9a9aab; } }`;
  const REAL_CSS = `
    :host { all: initial; display: block; }
    div { font: 14px/1.5 system-ui, sans-serif; white-space: pre-wrap; margin-top: 4px; padding: 6px 10px;
      border-left: 4px solid #1b4fd8; background: #eef2ff; color: #1b1b1f; }
    @media (prefers-color-scheme: dark) { div { background: #1d2340; color: #ececf1; } }`;
  const BLOCKS = 'p, li, td, th, dd, dt, pre, blockquote, h1, h2, h3, h4, h5, h6, article, section, div';
  const reveals = new WeakMap(); // reply element -> { host, real, realHost, button, open }

  const replyText = (reply) => reply.innerText; // our shadow content is not part of innerText

  function revealFor(reply) {
    const host = el('span', { [UI]: 'reveal' });
    const root = host.attachShadow({ mode: 'open' });
    const realHost = el('span', { [UI]: 'real', hidden: '' });
    const realRoot = realHost.attachShadow({ mode: 'closed' }); // the page cannot read the real values
    const real = el('div', { role: 'region', 'aria-label': 'Reply with real values, shown only to you' });
    realRoot.append(el('style', {}, REAL_CSS), real);
    const state = { host, real, realHost, open: false, button: null };
    state.button = el('button', { type: 'button', 'aria-expanded': 'false', onclick: () => toggle(reply, state) }, 'Show real values');
    root.append(el('style', {}, REVEAL_CSS), state.button, realHost);
    reply.append(host);
    return state;
  }

  async function fillReal(reply, state) {
    const res = await chrome.runtime.sendMessage({ type: 'restore', text: replyText(reply) });
    if (state.open && res?.text !== undefined) state.real.textContent = res.text;
  }

  async function toggle(reply, state) {
    state.open = !state.open;
    state.button.setAttribute('aria-expanded', String(state.open));
    state.button.textContent = state.open ? 'Hide real values' : 'Show real values';
    state.realHost.hidden = !state.open;
    if (state.open) await fillReal(reply, state);
    else state.real.textContent = '';
  }

  const pending = new Set();
  let timer = 0;

  // Which text holds a placeholder is the engine's to say (its `restore`, in the service worker):
  // one placeholder grammar, which also knows the spellings models echo ([email address 1],
  // \[EMAIL\_ADDRESS\_1\]) and the pseudonym operator's stand-ins, which have no brackets at all.
  function queueText(node) {
    const parent = node.parentElement;
    if (!parent || !node.data.trim()) return;
    if (parent.closest(`[${UI}], script, style, textarea, noscript`) || parent.isContentEditable) return;
    pending.add(parent.closest(BLOCKS) ?? parent);
    timer ||= setTimeout(checkReplies, 120);
  }

  function queueTree(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      queueText(node);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || node.hasAttribute?.(UI)) return;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) queueText(text);
  }

  async function checkReplies() {
    timer = 0;
    const replies = [...pending].filter((r) => r.isConnected);
    pending.clear();
    if (!replies.length || allowListed) return;
    let res;
    try {
      res = await chrome.runtime.sendMessage({ type: 'restorable', texts: replies.map(replyText) });
    } catch {
      return;
    }
    replies.forEach((reply, i) => {
      if (!res?.restorable?.[i]) return;
      let state = reveals.get(reply);
      if (!state || !state.host.isConnected) {
        state = revealFor(reply);
        reveals.set(reply, state);
      } else if (state.open) {
        fillReal(reply, state); // a streamed reply grew
      }
    });
  }

  function watchReplies() {
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') queueText(record.target);
        else record.addedNodes.forEach(queueTree);
      }
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    if (document.body) queueTree(document.body);
  }

  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', watchReplies, { once: true });
  else watchReplies();
})();
