// The dashboard page: asks for the token, shows one view at a time and renders what the broker's
// API returns. Every value from the broker reaches the page as text (DOM nodes, textContent),
// never as HTML: message bodies, URLs and headers are untrusted.
import * as api from './dashboard-api.js';

const BASE = api.apiBase(window.location.pathname);
const TOKEN_KEY = 'qstash-dashboard-token';
const AUTO_REFRESH_MS = 2000;
const PAGE_SIZE = 50;

const $ = (selector) => document.querySelector(selector);

// ---- DOM helpers -------------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'onclick') {
      node.addEventListener('click', value);
    } else if (name === 'className') {
      node.className = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== '') {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function time(millis) {
  return millis ? new Date(Number(millis)).toLocaleString() : '';
}

function table(columns, rows, empty) {
  if (rows.length === 0) {
    return el('p', { className: 'muted' }, empty);
  }
  return el('table', {},
    el('thead', {}, el('tr', {}, columns.map(([label]) => el('th', {}, label)))),
    el('tbody', {}, rows.map((row) => el('tr', {},
      columns.map(([, cell, className]) => el('td', className ? { className } : {}, cell(row)))))));
}

function badge(text, kind) {
  return el('span', { className: kind ? `badge ${kind}` : 'badge' }, text);
}

function stateBadge(state) {
  const kind = ['DELIVERED', 'SUCCESS'].includes(state) ? 'good'
    : ['FAILED', 'ERROR', 'FAIL', 'CANCELED'].includes(state) ? 'bad' : '';
  return badge(state, kind);
}

/** A body: its text when printable (given as text, or as base64 that decodes to text), else base64. */
function bodyNode(text, base64) {
  const shown = (typeof text === 'string') ? text : api.printableText(base64);
  if (shown === null || shown === undefined) {
    return base64 ? el('details', {}, el('summary', {}, 'binary (base64)'), el('pre', {}, base64)) : '';
  }
  if (shown.length <= 80 && !shown.includes('\n')) {
    return el('code', {}, shown);
  }
  return el('details', {}, el('summary', {}, `${shown.slice(0, 60)}…`), el('pre', {}, shown));
}

function headersNode(headers) {
  const lines = Object.entries(headers ?? {})
    .flatMap(([name, values]) => (Array.isArray(values) ? values : [values]).map((value) => `${name}: ${value}`));
  if (lines.length === 0) {
    return '';
  }
  return el('details', {}, el('summary', {}, `${lines.length} header${lines.length === 1 ? '' : 's'}`),
    el('pre', {}, lines.join('\n')));
}

function messageLink(id) {
  return id ? el('button', { type: 'button', className: 'mono', title: 'Look up this message', onclick: () => openMessage(id) }, id) : '';
}

// ---- token --------------------------------------------------------------------------------------

function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function askForToken(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  current = null;
  $('#tabs').hidden = true;
  $('#sign-out').hidden = true;
  document.querySelectorAll('.view').forEach((view) => { view.hidden = true; });
  $('#login').hidden = false;
  $('#login-error').textContent = message ?? '';
  $('#token').value = '';
  $('#token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const value = $('#token').value.trim();
  try {
    await api.logs(BASE, value, { count: 1 });
  } catch (error) {
    $('#login-error').textContent = (error.status === 401) ? 'The broker rejected this token.' : error.message;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, value);
  openViews();
}

function openViews() {
  $('#login').hidden = true;
  $('#tabs').hidden = false;
  $('#sign-out').hidden = false;
  const requested = location.hash.slice(1);
  show(Object.hasOwn(views, requested) ? requested : 'logs');
}

/**
 * Runs an API call with the token; a 401 asks for the token again, another error is shown in the
 * view's status line. Resolves to the call's result, or undefined when it failed.
 */
async function guarded(name, call) {
  try {
    return await call(token());
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) {
      askForToken('The broker rejected the token (401). Enter it again.');
    } else {
      status(name, error.message, true);
    }
    return undefined;
  }
}

// ---- views --------------------------------------------------------------------------------------

let current = null;
const running = new Set();

function status(name, text, isError) {
  const line = document.querySelector(`#view-${name} .status`);
  if (line) {
    line.textContent = text;
    line.className = isError ? 'status error' : 'status muted';
  }
}

function show(name) {
  current = name;
  history.replaceState(null, '', `#${name}`);
  document.querySelectorAll('#tabs button').forEach((tab) => {
    if (tab.dataset.view === name) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  });
  document.querySelectorAll('.view').forEach((view) => { view.hidden = view.id !== `view-${name}`; });
  refresh(name);
}

async function refresh(name) {
  const view = views[name];
  if (!view || running.has(name)) {
    return;
  }
  running.add(name);
  try {
    const done = await guarded(name, async (t) => { await view(t); return true; });
    if (done) {
      status(name, `Updated ${new Date().toLocaleTimeString()}`, false);
    }
  } finally {
    running.delete(name);
  }
}

/** A button that runs an action on the broker (after a confirmation when asked), then refreshes. */
function action(name, label, call, { confirmText, className } = {}) {
  return el('button', {
    type: 'button',
    className: className ?? '',
    onclick: async () => {
      if (confirmText && !window.confirm(confirmText)) {
        return;
      }
      const result = await guarded(name, call);
      if (result !== undefined) {
        await refresh(name);
        if (typeof result === 'string') {
          status(name, result, false);
        }
      }
    },
  }, label);
}

function done(text) {
  return async (promise) => { await promise; return text; };
}

// Logs: newest first, filtered, a page at a time towards older entries.
const logsState = { filter: {}, cursor: undefined, older: undefined };

async function refreshLogs(t) {
  const page = await api.logs(BASE, t, { ...logsState.filter, cursor: logsState.cursor, count: PAGE_SIZE });
  logsState.older = page.cursor;
  $('#logs-older').disabled = !page.cursor;
  $('#logs-result').replaceChildren(table([
    ['Time', (e) => time(e.time)],
    ['State', (e) => stateBadge(e.state)],
    ['Message', (e) => messageLink(e.messageId)],
    ['Destination', (e) => [e.url, e.topicName ? el('div', { className: 'muted' }, `group ${e.topicName}`) : '',
      e.queueName ? el('div', { className: 'muted' }, `queue ${e.queueName}`) : '',
      e.scheduleId ? el('div', { className: 'muted' }, `schedule ${e.scheduleId}`) : '']],
    ['Response', (e) => [e.responseStatus ? badge(String(e.responseStatus), e.responseStatus < 300 ? 'good' : 'bad') : '',
      bodyNode(undefined, e.responseBody)]],
    ['Error', (e) => e.error ?? ''],
    ['Body', (e) => bodyNode(undefined, e.body)],
    ['Headers', (e) => headersNode(e.header)],
  ], page.logs, 'No log entries.'));
}

// Messages: one message that is not yet delivered, by id.
const messagesState = { id: '' };

async function refreshMessages(t) {
  if (!messagesState.id) {
    $('#messages-result').replaceChildren(el('p', { className: 'muted' },
      'Enter the id of a message that is waiting or being retried (delivered messages are in the logs).'));
    return;
  }
  const message = await api.message(BASE, t, messagesState.id);
  const rows = Object.entries(message).filter(([name]) => !['body', 'bodyBase64', 'header', 'callerIp'].includes(name))
    .map(([name, value]) => [el('dt', {}, name), el('dd', {}, ['createdAt', 'notBefore'].includes(name)
      ? time(value) : (typeof value === 'object' ? el('pre', {}, JSON.stringify(value, null, 2)) : String(value)))]);
  $('#messages-result').replaceChildren(el('dl', {}, rows,
    el('dt', {}, 'header'), el('dd', {}, headersNode(message.header)),
    el('dt', {}, 'body'), el('dd', {}, bodyNode(message.body, message.bodyBase64))));
}

function openMessage(id) {
  messagesState.id = id;
  $('#messages-form').elements.id.value = id;
  $('#messages-result').replaceChildren();
  show('messages');
}

// DLQ: oldest first, a page at a time.
const dlqState = { cursor: undefined, next: undefined, listed: [] };

async function refreshDlq(t) {
  const page = await api.dlq(BASE, t, { cursor: dlqState.cursor, count: PAGE_SIZE });
  dlqState.next = page.cursor;
  dlqState.listed = page.messages.map((m) => m.dlqId);
  $('#dlq-next').disabled = !page.cursor;
  $('#dlq-delete-listed').disabled = page.messages.length === 0;
  $('#dlq-result').replaceChildren(table([
    ['DLQ id', (m) => el('span', { className: 'mono' }, m.dlqId)],
    ['Message', (m) => messageLink(m.messageId)],
    ['Destination', (m) => [m.method, ' ', m.url]],
    ['Created', (m) => time(m.createdAt)],
    ['Response', (m) => [m.responseStatus ? badge(String(m.responseStatus), 'bad') : '',
      bodyNode(m.responseBody, m.responseBodyBase64)]],
    ['Body', (m) => bodyNode(m.body, m.bodyBase64)],
    ['Headers', (m) => headersNode(m.header)],
    ['', (m) => [
      action('dlq', 'Retry', async (tk) => `Retried as ${await api.retryDlqMessage(BASE, tk, m.dlqId)}`),
      action('dlq', 'Delete', (tk) => done('Deleted')(api.deleteDlqMessage(BASE, tk, m.dlqId)),
        { confirmText: `Delete DLQ message ${m.dlqId}?`, className: 'danger' }),
    ], 'actions'],
  ], page.messages, 'The dead letter queue is empty.'));
}

async function refreshSchedules(t) {
  const list = await api.schedules(BASE, t);
  $('#schedules-result').replaceChildren(table([
    ['Id', (s) => el('span', { className: 'mono' }, s.scheduleId)],
    ['Cron', (s) => el('code', {}, s.cron)],
    ['Destination', (s) => [s.method, ' ', s.destination, s.queueName ? el('div', { className: 'muted' }, `queue ${s.queueName}`) : '']],
    ['State', (s) => (s.isPaused ? badge('paused', 'bad') : badge('active', 'good'))],
    ['Last / next', (s) => [time(s.lastScheduleTime) || '—', el('br'), time(s.nextScheduleTime) || '—']],
    ['Last messages', (s) => Object.entries(s.lastScheduleStates ?? {})
      .map(([id, state]) => el('div', {}, messageLink(id), ' ', stateBadge(state)))],
    ['Body', (s) => bodyNode(s.body, s.bodyBase64)],
    ['', (s) => [
      s.isPaused
        ? action('schedules', 'Resume', (tk) => done('Resumed')(api.resumeSchedule(BASE, tk, s.scheduleId)))
        : action('schedules', 'Pause', (tk) => done('Paused')(api.pauseSchedule(BASE, tk, s.scheduleId))),
      action('schedules', 'Delete', (tk) => done('Deleted')(api.deleteSchedule(BASE, tk, s.scheduleId)),
        { confirmText: `Delete schedule ${s.scheduleId}?`, className: 'danger' }),
    ], 'actions'],
  ], list, 'No schedules.'));
}

async function refreshUrlGroups(t) {
  const list = await api.urlGroups(BASE, t);
  $('#urlGroups-result').replaceChildren(table([
    ['Name', (g) => el('strong', {}, g.name)],
    ['Endpoints', (g) => el('ul', {}, (g.endpoints ?? []).map((e) => el('li', {}, e.name ? `${e.name}: ` : '', e.url)))],
    ['Created', (g) => time(g.createdAt)],
    ['Updated', (g) => time(g.updatedAt)],
    ['', (g) => action('urlGroups', 'Delete', (tk) => done('Deleted')(api.deleteUrlGroup(BASE, tk, g.name)),
      { confirmText: `Delete URL group ${g.name}?`, className: 'danger' }), 'actions'],
  ], list, 'No URL groups.'));
}

async function refreshQueues(t) {
  const list = await api.queues(BASE, t);
  $('#queues-result').replaceChildren(table([
    ['Name', (q) => el('strong', {}, q.name)],
    ['Parallelism', (q) => String(q.parallelism)],
    ['Lag', (q) => String(q.lag)],
    ['State', (q) => (q.paused ? badge('paused', 'bad') : badge('active', 'good'))],
    ['Created', (q) => time(q.createdAt)],
    ['', (q) => [
      q.paused
        ? action('queues', 'Resume', (tk) => done('Resumed')(api.resumeQueue(BASE, tk, q.name)))
        : action('queues', 'Pause', (tk) => done('Paused')(api.pauseQueue(BASE, tk, q.name))),
      action('queues', 'Delete', (tk) => done('Deleted')(api.deleteQueue(BASE, tk, q.name)),
        { confirmText: `Delete queue ${q.name}?`, className: 'danger' }),
    ], 'actions'],
  ], list, 'No queues.'));
}

const flowState = { search: '' };

async function refreshFlowControl(t) {
  const list = await api.flowControlKeys(BASE, t, flowState.search);
  $('#flowControl-result').replaceChildren(table([
    ['Key', (k) => el('strong', {}, k.flowControlKey)],
    ['Waiting', (k) => String(k.waitListSize)],
    ['Parallelism', (k) => `${k.parallelismCount} / ${k.parallelismMax || '∞'}${k.isPinnedParallelism ? ' (pinned)' : ''}`],
    ['Rate', (k) => `${k.rateCount} / ${k.rateMax || '∞'} per ${k.ratePeriod}s${k.isPinnedRate ? ' (pinned)' : ''}`],
    ['Period start', (k) => time(k.ratePeriodStart * 1000)],
    ['State', (k) => (k.isPaused ? badge('paused', 'bad') : badge('active', 'good'))],
    ['', (k) => [
      k.isPaused
        ? action('flowControl', 'Resume', (tk) => done('Resumed')(api.resumeFlowControl(BASE, tk, k.flowControlKey)))
        : action('flowControl', 'Pause', (tk) => done('Paused')(api.pauseFlowControl(BASE, tk, k.flowControlKey))),
      action('flowControl', 'Reset rate', (tk) => done('Rate reset')(api.resetFlowControlRate(BASE, tk, k.flowControlKey))),
    ], 'actions'],
  ], list, 'No flow-control keys.'));
}

const views = {
  publish: null,
  logs: refreshLogs,
  messages: refreshMessages,
  dlq: refreshDlq,
  schedules: refreshSchedules,
  urlGroups: refreshUrlGroups,
  queues: refreshQueues,
  flowControl: refreshFlowControl,
};

// ---- wiring -------------------------------------------------------------------------------------

async function publishSubmitted(event) {
  event.preventDefault();
  const form = event.target.elements;
  const result = $('#publish-result');
  let published;
  try {
    published = await api.publish(BASE, token(), {
      url: form.url.value, method: form.method.value, body: form.body.value, headers: form.headers.value,
      delay: form.delay.value.trim(),
    });
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) {
      askForToken('The broker rejected the token (401). Enter it again.');
      return;
    }
    result.replaceChildren(el('p', { className: 'error' }, error.message));
    return;
  }
  result.replaceChildren(el('p', { className: 'ok' }, `Published ${published.length} message${published.length === 1 ? '' : 's'}:`),
    el('ul', {}, published.map((p) => el('li', {}, messageLink(p.messageId), p.url ? ` → ${p.url}` : '',
      p.deduplicated ? ' (deduplicated)' : ''))));
}

function wire() {
  $('#login-form').addEventListener('submit', signIn);
  $('#sign-out').addEventListener('click', () => askForToken());
  document.querySelectorAll('#tabs button').forEach((tab) => tab.addEventListener('click', () => show(tab.dataset.view)));
  document.querySelectorAll('.toolbar[data-refresh]').forEach((bar) => {
    const name = bar.dataset.refresh;
    const auto = el('input', { type: 'checkbox', className: 'auto' });
    bar.prepend(el('button', { type: 'button', onclick: () => refresh(name) }, 'Refresh'),
      el('label', {}, auto, ' auto-refresh (2 s)'));
    bar.append(el('span', { className: 'status muted' }));
  });
  $('#publish-form').addEventListener('submit', publishSubmitted);
  $('#logs-form').addEventListener('submit', (event) => {
    event.preventDefault();
    logsState.filter = Object.fromEntries([...new FormData(event.target)].map(([k, v]) => [k, v.trim()]));
    logsState.cursor = undefined;
    refresh('logs');
  });
  $('#logs-newest').addEventListener('click', () => { logsState.cursor = undefined; refresh('logs'); });
  $('#logs-older').addEventListener('click', () => { logsState.cursor = logsState.older; refresh('logs'); });
  $('#messages-form').addEventListener('submit', (event) => {
    event.preventDefault();
    messagesState.id = event.target.elements.id.value.trim();
    $('#messages-result').replaceChildren();
    refresh('messages');
  });
  $('#messages-cancel').addEventListener('click', async () => {
    const id = $('#messages-form').elements.id.value.trim();
    if (!id || !window.confirm(`Cancel message ${id}?`)) {
      return;
    }
    const cancelled = await guarded('messages', (t) => api.cancelMessage(BASE, t, id));
    if (cancelled !== undefined) {
      $('#messages-result').replaceChildren(el('p', { className: 'ok' }, `Cancelled ${id}.`));
    }
  });
  $('#dlq-first').addEventListener('click', () => { dlqState.cursor = undefined; refresh('dlq'); });
  $('#dlq-next').addEventListener('click', () => { dlqState.cursor = dlqState.next; refresh('dlq'); });
  $('#dlq-delete-listed').addEventListener('click', async () => {
    const ids = dlqState.listed;
    if (ids.length === 0 || !window.confirm(`Delete the ${ids.length} listed DLQ messages?`)) {
      return;
    }
    const deleted = await guarded('dlq', (t) => api.deleteDlqMessages(BASE, t, ids));
    if (deleted !== undefined) {
      dlqState.cursor = undefined;
      await refresh('dlq');
      status('dlq', `Deleted ${deleted}`, false);
    }
  });
  $('#flowControl-form').addEventListener('submit', (event) => {
    event.preventDefault();
    flowState.search = event.target.elements.search.value.trim();
    refresh('flowControl');
  });
  setInterval(() => {
    const auto = current && document.querySelector(`#view-${current} input.auto`);
    if (auto && auto.checked && !document.hidden) {
      refresh(current);
    }
  }, AUTO_REFRESH_MS);
}

// A login link (the in-app broker writes one to a file only its owner can read) carries the token in
// the fragment, which the browser never sends to a server: keep it in this tab's session storage
// and take it out of the address bar and the history.
function takeTokenFromLink() {
  const match = /^#token=([^&]+)$/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
}

wire();
takeTokenFromLink();
if (token()) {
  openViews();
} else {
  askForToken();
}
