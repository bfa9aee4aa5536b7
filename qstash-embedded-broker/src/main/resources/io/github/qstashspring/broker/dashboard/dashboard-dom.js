// The dashboard's DOM helpers: elements built from text (never HTML), tables, badges, bodies and
// the confirmation dialog. Every value from the broker reaches the page through them as text.
import { printableText } from './dashboard-api.js';

export const $ = (selector) => document.querySelector(selector);

/** An element with properties (className, onclick, else attributes) and children (nodes or text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'onclick') {
      node.addEventListener('click', value);
    } else if (name === 'className') {
      node.className = value;
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== '') {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export function time(millis) {
  return millis ? new Date(Number(millis)).toLocaleString() : '';
}

/** A time of today as a time of day only, an older one with its date. */
export function shortTime(millis) {
  if (!millis) {
    return '';
  }
  const date = new Date(Number(millis));
  return (date.toDateString() === new Date().toDateString()) ? date.toLocaleTimeString() : date.toLocaleString();
}

const PRECISE = {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  fractionalSecondDigits: 3,
};

/** A time to the millisecond, for timelines whose steps are close together. */
export function preciseTime(millis) {
  return millis ? new Date(Number(millis)).toLocaleString(undefined, PRECISE) : '';
}

/** A table in a horizontally scrolling frame, or a muted paragraph when there are no rows. */
export function table(columns, rows, empty) {
  if (rows.length === 0) {
    return el('p', { className: 'muted' }, empty);
  }
  return el('div', { className: 'table-frame' }, el('table', {},
    el('thead', {}, el('tr', {}, columns.map(([label]) => el('th', { scope: 'col' }, label)))),
    el('tbody', {}, rows.map((row) => el('tr', {},
      columns.map(([, cell, className]) => el('td', className ? { className } : {}, cell(row))))))));
}

/** A URL that may break after its slashes, question mark and ampersands (and nowhere else). */
export function urlNode(url) {
  const text = String(url ?? '');
  const parts = text.split(/(?<=[/?&])(?!\/)/);
  return el('span', { className: 'url' }, parts.flatMap((part, i) => (i === 0 ? [part] : [el('wbr'), part])));
}

export function badge(text, kind) {
  return el('span', { className: kind ? `badge ${kind}` : 'badge' }, text);
}

// Message states, then those of workflow runs, their steps and their failure functions.
const GOOD = ['DELIVERED', 'SUCCESS', 'RUN_SUCCESS', 'STEP_SUCCESS', 'CALLBACK_SUCCESS'];
const BAD = ['FAILED', 'ERROR', 'FAIL', 'CANCELED', 'RUN_FAILED', 'RUN_CANCELED', 'STEP_FAILED', 'STEP_CANCELED',
  'CALLBACK_FAIL'];
const BUSY = ['ACTIVE', 'RETRY', 'CANCEL_REQUESTED', 'IN_PROGRESS', 'RUN_STARTED', 'STEP_PROGRESS', 'STEP_RETRY',
  'CALLBACK_INPROGRESS'];

export function stateBadge(state) {
  const kind = GOOD.includes(state) ? 'good' : BAD.includes(state) ? 'bad' : BUSY.includes(state) ? 'busy' : '';
  return badge(state, kind);
}

/** A body: its text when printable (given as text, or as base64 that decodes to text), else base64. */
export function bodyNode(text, base64) {
  const shown = (typeof text === 'string') ? text : printableText(base64);
  if (shown === null || shown === undefined) {
    return base64 ? el('details', {}, el('summary', {}, 'binary (base64)'), el('pre', {}, base64)) : '';
  }
  if (shown.length <= 80 && !shown.includes('\n')) {
    return el('code', {}, shown);
  }
  return el('details', {}, el('summary', {}, `${shown.slice(0, 60)}…`), el('pre', {}, shown));
}

export function headersNode(headers) {
  const lines = Object.entries(headers ?? {})
    .flatMap(([name, values]) => (Array.isArray(values) ? values : [values]).map((value) => `${name}: ${value}`));
  if (lines.length === 0) {
    return '';
  }
  return el('details', {}, el('summary', {}, `${lines.length} header${lines.length === 1 ? '' : 's'}`),
    el('pre', {}, lines.join('\n')));
}

/**
 * Asks before a destructive action, in the page's own modal dialog (keyboard: Escape cancels,
 * the cancel button has the focus first).
 * @returns {Promise<boolean>} whether the user confirmed
 */
export function confirmAction(text, confirmLabel = 'Delete') {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = text;
  $('#confirm-ok').textContent = confirmLabel;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    $('#confirm-cancel').focus();
  });
}
