// The dashboard page: asks for the token, shows one view at a time and renders what the broker's
// API returns. Every value from the broker reaches the page as text (DOM nodes, textContent),
// never as HTML: message bodies, URLs and headers are untrusted.
import * as api from './dashboard-api.js';
import { lineChart, legend } from './dashboard-chart.js';
import {
  $, el, time, shortTime, preciseTime, urlNode, table, badge, stateBadge, bodyNode, headersNode, confirmAction,
} from './dashboard-dom.js';

const BASE = api.apiBase(window.location.pathname);
const TOKEN_KEY = 'qstash-dashboard-token';
const AUTO_REFRESH_MS = 2000;
const OVERVIEW_REFRESH_MS = 5000;
const PAGE_SIZE = 50;
const RUN_PAGE_SIZE = 10; // the broker's most workflow runs a page
const DONE = ['DELIVERED', 'FAILED', 'CANCELED'];

/** An id that opens its own view. */
function idLink(id, title, open) {
  return id ? el('button', { type: 'button', className: 'link mono', title, onclick: () => open(id) }, id) : '';
}

function messageLink(id) {
  return idLink(id, 'Open this message', openMessage);
}

function runLink(id) {
  return idLink(id, 'Open this workflow run', openWorkflowRun);
}

/** A term and its description for a <dl>, or nothing when there is no value. */
function definition(label, value) {
  return (value === undefined || value === null || value === '') ? [] : [el('dt', {}, label), el('dd', {}, value)];
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
  const [requested, argument] = location.hash.slice(1).split('=');
  if (requested === 'message' && argument) {
    openMessage(decodeURIComponent(argument));
  } else if (requested === 'workflowRun' && argument) {
    openWorkflowRun(decodeURIComponent(argument));
  } else {
    show(Object.hasOwn(views, requested) ? requested : 'overview');
  }
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
    line.setAttribute('role', isError ? 'alert' : 'status');
  }
}

/** Shows a view; a view without a tab of its own (data-tab) marks its parent's tab as current. */
function show(name, hash) {
  current = name;
  history.replaceState(null, '', `#${hash ?? name}`);
  const tabName = document.getElementById(`view-${name}`)?.dataset.tab ?? name;
  document.querySelectorAll('#tabs button').forEach((tab) => {
    if (tab.dataset.view === tabName) {
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
function action(name, label, call, { confirmText, confirmLabel, className } = {}) {
  return el('button', {
    type: 'button',
    className: className ?? '',
    onclick: async () => {
      if (confirmText && !(await confirmAction(confirmText, confirmLabel))) {
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

/** Log entries (newest first) grouped by message: one row a message, its states oldest first. */
function messagesTable(entries, empty, { withHistory = true } = {}) {
  const groups = new Map();
  for (const entry of entries) {
    if (!groups.has(entry.messageId)) {
      groups.set(entry.messageId, []);
    }
    groups.get(entry.messageId).push(entry);
  }
  const rows = [...groups.values()];
  return table([
    ['Last change', (g) => el('span', { className: 'nowrap', title: time(g[0].time) }, shortTime(g[0].time))],
    ['Message', (g) => messageLink(g[0].messageId)],
    ['State', (g) => stateBadge(g[0].state)],
    ...(withHistory ? [['History', (g) => el('span', { className: 'trail' }, [...g].reverse().map((e) => stateBadge(e.state)))]] : []),
    ['Destination', (g) => [g[0].method ? `${g[0].method} ` : '', urlNode(g[0].url),
      g[0].topicName ? el('div', { className: 'muted' }, `group ${g[0].topicName}`) : '',
      g[0].queueName ? el('div', { className: 'muted' }, `queue ${g[0].queueName}`) : '',
      g[0].scheduleId ? el('div', { className: 'muted' }, `schedule ${g[0].scheduleId}`) : '']],
    ['Response', (g) => {
      const answered = g.find((e) => e.responseStatus);
      return answered ? responseBadge(answered.responseStatus) : '';
    }],
  ], rows, empty);
}

function responseBadge(code) {
  return badge(String(code), code < 300 ? 'good' : 'bad');
}

// Overview: the figures now, the activity of the last 15 minutes, the latest messages.
async function refreshOverview(t) {
  const [stats, recent] = await Promise.all([api.stats(BASE, t), api.logs(BASE, t, { count: 60 })]);
  const card = (label, value, view, note) => el('button', { type: 'button', className: 'card',
    onclick: () => show(view) }, el('span', { className: 'card-label' }, label),
  el('strong', { className: 'card-value' }, String(value)), note ? el('span', { className: 'muted' }, note) : '');
  const m = stats.messages;
  $('#overview-cards').replaceChildren(
    card('Backlog', stats.backlog, 'logs', 'not yet delivered'),
    card('In queues', m.QUEUED, 'queues', 'waiting for a turn'),
    card('Pending', m.PENDING, 'logs', 'due, delayed or retrying'),
    card('Delivering', m.ACTIVE, 'logs', 'attempt running'),
    card('DLQ', stats.dlq, 'dlq', 'failed for good'),
    card('Schedules', stats.schedules, 'schedules', stats.pausedSchedules ? `${stats.pausedSchedules} paused` : 'none paused'),
    card('Queues', stats.queues, 'queues', stats.pausedQueues ? `${stats.pausedQueues} paused` : 'none paused'),
    card('URL groups', stats.urlGroups, 'urlGroups'));
  const s = stats.series;
  const perSecond = (values) => values.map((v) => v / (s.step / 1000));
  const total = (values) => values.reduce((a, b) => a + b, 0);
  const rates = [
    { name: 'published', values: perSecond(s.published), total: total(s.published) },
    { name: 'delivered', values: perSecond(s.delivered), total: total(s.delivered) },
    { name: 'failed attempts', values: perSecond(s.errors), total: total(s.errors) },
    { name: 'to DLQ', values: perSecond(s.failed), total: total(s.failed) },
  ];
  $('#chart-rates').replaceChildren(
    lineChart({ title: 'Messages per second, last 15 minutes', from: s.from, step: s.step, series: rates }),
    legend(rates, (r) => `${r.total} in 15 min`));
  const backlog = [{ name: 'backlog', values: s.backlog }];
  $('#chart-backlog').replaceChildren(
    lineChart({ title: 'Backlog, last 15 minutes', from: s.from, step: s.step, series: backlog, area: true }),
    legend(backlog, (b) => `${b.values[b.values.length - 1] ?? 0} now, at most ${Math.max(0, ...b.values)}`));
  $('#overview-recent').replaceChildren(messagesTable(recent.logs, 'No messages yet: publish one.', { withHistory: false }));
}

// Logs: newest first, filtered, a page at a time towards older entries, grouped by message.
const logsState = { filter: {}, cursor: undefined, older: undefined };

async function refreshLogs(t) {
  const page = await api.logs(BASE, t, { ...logsState.filter, cursor: logsState.cursor, count: PAGE_SIZE });
  logsState.older = page.cursor;
  $('#logs-older').disabled = !page.cursor;
  $('#logs-result').replaceChildren(messagesTable(page.logs, 'No log entries.'));
}

// Message: one message's whole life.
const messageState = { id: '' };

function openMessage(id) {
  messageState.id = id;
  $('#message-form').elements.id.value = id;
  $('#message-result').replaceChildren();
  show('message', `message=${encodeURIComponent(id)}`);
}

function summaryOf(life) {
  const last = life.entries[life.entries.length - 1];
  if (life.dead) {
    return [badge('in the DLQ', 'bad'), ` since ${time(last?.time)}`];
  }
  if (life.pending) {
    const due = life.pending.notBefore;
    return [badge(last?.state === 'ACTIVE' ? 'being delivered' : 'waiting', 'busy'),
      due && due > Date.now() ? ` next attempt ${time(due)}` : ''];
  }
  if (!last) {
    return [badge('unknown'), ' no log entry and not pending: expired from the log, or never published here'];
  }
  return [stateBadge(last.state), ` ${time(last.time)}`];
}

function timeline(entries) {
  let attempt = 0;
  return el('ol', { className: 'timeline' }, entries.map((e) => {
    if (e.state === 'ACTIVE') {
      attempt += 1;
    }
    const attempted = attempt > 0 && ['ACTIVE', 'ERROR', 'RETRY', 'DELIVERED', 'FAILED'].includes(e.state);
    return el('li', {},
      el('div', { className: 'when' }, preciseTime(e.time)),
      el('div', { className: 'what' },
        stateBadge(e.state),
        attempted ? el('span', { className: 'muted' }, ` attempt ${attempt}`) : '',
        e.responseStatus ? [' ', responseBadge(e.responseStatus)] : '',
        e.nextDeliveryTime ? el('span', { className: 'muted' }, ` · next attempt ${time(e.nextDeliveryTime)}`) : '',
        e.error ? el('div', { className: 'error' }, e.error) : '',
        e.responseBody ? el('div', {}, 'Response: ', bodyNode(undefined, e.responseBody)) : '',
        headersNode(e.responseHeader)));
  }));
}

async function refreshMessage(t) {
  if (!messageState.id) {
    $('#message-result').replaceChildren(el('p', { className: 'muted' },
      'Enter a message id, or open one from any other view.'));
    return;
  }
  const id = messageState.id;
  const life = await api.messageLife(BASE, t, id);
  const created = life.entries.find((e) => e.state === 'CREATED');
  const about = life.pending ?? life.dead ?? life.entries[life.entries.length - 1] ?? {};
  const actions = [];
  if (life.pending) {
    actions.push(action('message', 'Cancel message', (tk) => done('Cancelled')(api.cancelMessage(BASE, tk, id)),
      { confirmText: `Cancel message ${id}? It will not be delivered.`, confirmLabel: 'Cancel message', className: 'danger' }));
  }
  if (life.dead) {
    const dlqId = life.dead.dlqId;
    actions.push(el('button', { type: 'button', className: 'primary', onclick: async () => {
      const retried = await guarded('message', (tk) => api.retryDlqMessage(BASE, tk, dlqId));
      if (retried) {
        openMessage(retried);
      }
    } }, 'Retry as a new message'));
    actions.push(action('message', 'Delete from DLQ', (tk) => done('Deleted from the DLQ')(api.deleteDlqMessage(BASE, tk, dlqId)),
      { confirmText: `Delete DLQ message ${dlqId}?`, className: 'danger' }));
  }
  $('#message-result').replaceChildren(
    el('p', { className: 'summary' }, el('span', { className: 'mono' }, id), ' ', summaryOf(life)),
    actions.length ? el('div', { className: 'toolbar' }, actions) : '',
    el('div', { className: 'split' },
      el('div', { className: 'panel' }, el('h3', {}, 'Delivery'), el('dl', {},
        definition('Destination', [about.method ? `${about.method} ` : '', urlNode(about.url)]),
        definition('URL group', about.topicName ? [about.topicName, about.endpointName ? ` (endpoint ${about.endpointName})` : ''] : ''),
        definition('Queue', about.queueName),
        definition('Schedule', about.scheduleId),
        definition('Retries', about.maxRetries === undefined ? '' : String(about.maxRetries)),
        definition('Retry delay', about.retryDelayExpression),
        definition('Next attempt', life.pending?.notBefore ? time(life.pending.notBefore) : ''),
        definition('Callback', about.callback ?? created?.callback),
        definition('Failure callback', about.failureCallback ?? created?.failureCallback),
        definition('Flow-control key', about.flowControlKey),
        definition('Created', time(life.pending?.createdAt ?? life.dead?.createdAt ?? created?.time)),
        definition('DLQ id', life.dead ? el('span', { className: 'mono' }, life.dead.dlqId) : ''),
        definition('Last response', life.dead?.responseStatus ? [responseBadge(life.dead.responseStatus), ' ',
          bodyNode(life.dead.responseBody, life.dead.responseBodyBase64)] : ''))),
      el('div', { className: 'panel' }, el('h3', {}, 'Request'), el('dl', {},
        definition('Headers', headersNode(life.pending?.header ?? created?.header) || el('span', { className: 'muted' }, 'none')),
        definition('Body', (life.pending ? bodyNode(life.pending.body, life.pending.bodyBase64) : bodyNode(undefined, created?.body))
          || el('span', { className: 'muted' }, 'empty'))))),
    el('h3', {}, 'Timeline'),
    life.entries.length ? timeline(life.entries) : el('p', { className: 'muted' }, 'No log entries.'));
}

// Workflows: runs newest first, filtered, a page at a time towards older runs.
const workflowsState = { filter: {}, cursor: undefined, older: undefined };

function labelsNode(labels) {
  return (labels ?? []).length ? el('div', { className: 'labels' }, labels.map((label) => badge(label))) : '';
}

/** The steps a run finished, and the state of what it does now (its "next" group). */
function progressNode(run) {
  const groups = run.steps ?? [];
  const finished = groups.filter((g) => g.type !== 'next').reduce((n, g) => n + g.steps.length, 0);
  const next = groups.find((g) => g.type === 'next')?.steps ?? [];
  return el('span', { className: 'trail' }, `${finished} done`, next.map((step) => stateBadge(step.state)));
}

function cancelRunButton(name, id) {
  return action(name, 'Cancel run', async (tk) => ((await api.cancelWorkflowRun(BASE, tk, id)) > 0
    ? `Cancelled ${id}` : `${id} had already ended`), {
    confirmText: `Cancel workflow run ${id}? Its pending steps and waits are dropped and it ends as RUN_CANCELED.`,
    confirmLabel: 'Cancel run',
    className: 'danger',
  });
}

async function refreshWorkflows(t) {
  const page = await api.workflowRuns(BASE, t,
    { ...workflowsState.filter, cursor: workflowsState.cursor, count: RUN_PAGE_SIZE });
  workflowsState.older = page.cursor;
  $('#workflows-older').disabled = !page.cursor;
  const when = (millis) => el('span', { className: 'nowrap', title: time(millis) }, shortTime(millis));
  $('#workflows-result').replaceChildren(table([
    ['Created', (r) => when(r.workflowRunCreatedAt)],
    ['Run', (r) => runLink(r.workflowRunId)],
    ['State', (r) => stateBadge(r.workflowState)],
    ['Completed', (r) => when(r.workflowRunCompletedAt)],
    ['Workflow URL', (r) => [urlNode(r.workflowUrl), labelsNode(r.labels)]],
    ['Steps', (r) => progressNode(r)],
    ['', (r) => (r.workflowState === 'RUN_STARTED' ? cancelRunButton('workflows', r.workflowRunId) : ''), 'actions'],
  ], page.runs, 'No workflow runs.'));
}

// Workflow run: one run, its outcome and its steps in order.
const runState = { id: '' };

function openWorkflowRun(id) {
  runState.id = id;
  $('#workflowRun-result').replaceChildren();
  $('#workflowRun-steps').replaceChildren();
  $('#notify-editor').hidden = true;
  show('workflowRun', `workflowRun=${encodeURIComponent(id)}`);
}

/** What a step produced: its output, and what it waited for, slept or called, or its errors. */
function stepOutput(step) {
  const notes = [];
  if (step.waitEventId) {
    notes.push(`event ${step.waitEventId}${step.waitTimeout ? ' (timed out)' : ''}`);
  }
  if (step.sleepFor) {
    notes.push(`sleep ${step.sleepFor} s`);
  }
  if (step.sleepUntil) {
    notes.push(`sleep until ${time(step.sleepUntil * 1000)}`);
  }
  const out = (step.out === undefined || step.out === null || typeof step.out === 'string') ? step.out
    : JSON.stringify(step.out);
  return [
    ...notes.map((note) => el('div', { className: 'muted' }, note)),
    step.callUrl ? el('div', {}, step.callMethod ? `${step.callMethod} ` : '', urlNode(step.callUrl),
      step.callResponseStatus ? [' ', responseBadge(step.callResponseStatus)] : '') : '',
    out === undefined || out === null ? '' : bodyNode(out),
    ...(step.errors ?? []).map((error) => el('div', {}, error.status ? responseBadge(error.status) : '', ' ',
      bodyNode(error.body ?? error.error ?? ''))),
  ];
}

function stepsTable(groups) {
  const rows = groups.flatMap((group) => group.steps.map((step, index) => ({ group, step, index })));
  const where = ({ group, index }) => {
    if (group.type === 'parallel') {
      return `parallel, ${index + 1} of ${group.steps.length}`;
    }
    return group.type === 'next' ? 'next: pending, retrying or failed' : '';
  };
  return table([
    ['#', ({ step }) => (step.stepId === undefined ? '' : String(step.stepId))],
    ['Step', (row) => [el('strong', {}, row.step.stepName ?? ''),
      where(row) ? el('div', { className: 'muted nowrap' }, where(row)) : '']],
    ['Type', ({ step }) => [el('span', { className: 'nowrap' }, step.stepType ?? ''),
      step.callType && step.callType !== 'step' ? el('div', { className: 'muted' }, step.callType) : '']],
    ['State', ({ step }) => stateBadge(step.state)],
    ['Output', ({ step }) => stepOutput(step)],
    ['Message', ({ step }) => messageLink(step.messageId)],
    ['Time', ({ step }) => el('span', { className: 'nowrap' }, preciseTime(step.createdAt))],
  ], rows, 'No steps yet.');
}

async function refreshWorkflowRun(t) {
  const id = runState.id;
  const run = id ? await api.workflowRun(BASE, t, id) : undefined;
  $('#notify-editor').hidden = run?.workflowState !== 'RUN_STARTED';
  if (!run) {
    $('#workflowRun-result').replaceChildren(id
      ? el('p', { className: 'summary' }, el('span', { className: 'mono' }, id), ' ', badge('unknown'),
        ' no such run: expired from the log, or never started here')
      : el('p', { className: 'muted' }, 'Open a run from the list of workflow runs.'));
    $('#workflowRun-steps').replaceChildren();
    return;
  }
  const failure = run.failureFunction;
  const outcome = [
    ...definition('Result', run.workflowRunResponse === undefined ? ''
      : bodyNode(run.workflowRunResponse) || el('span', { className: 'muted' }, 'empty')),
    ...definition('Error', run.error ? el('span', { className: 'error' }, run.error) : ''),
    ...definition('DLQ id', run.dlqId ? el('span', { className: 'mono' }, run.dlqId) : ''),
    ...definition('Failure function', failure ? [failure.state ? stateBadge(failure.state) : '', ' ',
      urlNode(failure.url), el('div', {}, messageLink(failure.messageId))] : ''),
  ];
  $('#workflowRun-result').replaceChildren(
    el('p', { className: 'summary' }, el('span', { className: 'mono' }, run.workflowRunId), ' ',
      stateBadge(run.workflowState), ` ${time(run.workflowRunCreatedAt)}`,
      run.workflowRunCompletedAt ? ` – ${time(run.workflowRunCompletedAt)}` : ''),
    run.workflowState === 'RUN_STARTED' ? el('div', { className: 'toolbar' }, cancelRunButton('workflowRun', run.workflowRunId)) : '',
    el('div', { className: 'split' },
      el('div', { className: 'panel' }, el('h3', {}, 'Run'), el('dl', {},
        definition('Workflow URL', urlNode(run.workflowUrl)),
        definition('Created', time(run.workflowRunCreatedAt)),
        definition('Completed', time(run.workflowRunCompletedAt)),
        definition('Labels', labelsNode(run.labels)),
        definition('Flow-control key', run.flowControlKey),
        definition('Caller IP', run.workflowRunCallerIp),
        definition('Invoked by', run.invoker ? [runLink(run.invoker.workflowRunId), ' ', urlNode(run.invoker.workflowUrl)] : ''))),
      el('div', { className: 'panel' }, el('h3', {}, 'Outcome'), outcome.length ? el('dl', {}, outcome)
        : el('p', { className: 'muted' }, 'Running: no result yet.'))));
  $('#workflowRun-steps').replaceChildren(el('h3', {}, 'Steps'), stepsTable(run.steps ?? []));
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
    ['Message', (m) => messageLink(m.messageId)],
    ['Destination', (m) => [m.method, ' ', urlNode(m.url)]],
    ['Failed', (m) => el('span', { className: 'nowrap' }, time(m.createdAt))],
    ['Response', (m) => [m.responseStatus ? responseBadge(m.responseStatus) : '', ' ',
      bodyNode(m.responseBody, m.responseBodyBase64)]],
    ['Body', (m) => bodyNode(m.body, m.bodyBase64)],
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
    ['Cron', (s) => el('code', { className: 'nowrap' }, s.cron)],
    ['Destination', (s) => [s.method, ' ', urlNode(s.destination), s.queueName ? el('div', { className: 'muted' }, `queue ${s.queueName}`) : '']],
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

// URL groups: the editor keeps the endpoints the edited group had, to add and remove the difference.
const urlGroupState = { editing: null };

function editUrlGroup(group) {
  const form = $('#urlGroup-form').elements;
  urlGroupState.editing = group;
  form.name.value = group.name;
  form.name.readOnly = true;
  form.endpoints.value = (group.endpoints ?? []).map((e) => (e.name ? `${e.name} ${e.url}` : e.url)).join('\n');
  $('#urlGroup-editor').open = true;
  form.endpoints.focus();
}

async function refreshUrlGroups(t) {
  const list = await api.urlGroups(BASE, t);
  $('#urlGroups-result').replaceChildren(table([
    ['Name', (g) => el('strong', {}, g.name)],
    ['Endpoints', (g) => el('ul', { className: 'plain' }, (g.endpoints ?? []).map((e) => el('li', {},
      e.name ? el('span', { className: 'muted' }, `${e.name}: `) : '', urlNode(e.url), ' ',
      action('urlGroups', 'Remove', (tk) => done('Endpoint removed')(api.removeEndpoints(BASE, tk, g.name,
        [e.name ? { name: e.name, url: e.url } : { url: e.url }])),
      { confirmText: `Remove ${e.url} from ${g.name}?`, confirmLabel: 'Remove', className: 'danger small' }))))],
    ['Updated', (g) => el('span', { className: 'nowrap' }, time(g.updatedAt))],
    ['', (g) => [
      el('button', { type: 'button', onclick: () => editUrlGroup(g) }, 'Edit'),
      action('urlGroups', 'Delete', (tk) => done('Deleted')(api.deleteUrlGroup(BASE, tk, g.name)),
        { confirmText: `Delete URL group ${g.name}?`, className: 'danger' }),
    ], 'actions'],
  ], list, 'No URL groups.'));
}

function editQueue(queue) {
  const form = $('#queue-form').elements;
  form.name.value = queue.name;
  form.name.readOnly = true;
  form.parallelism.value = String(queue.parallelism);
  form.paused.checked = Boolean(queue.paused);
  $('#queue-editor').open = true;
  form.parallelism.focus();
}

async function refreshQueues(t) {
  const list = await api.queues(BASE, t);
  $('#queues-result').replaceChildren(table([
    ['Name', (q) => el('strong', {}, q.name)],
    ['Parallelism', (q) => String(q.parallelism)],
    ['Lag', (q) => String(q.lag)],
    ['State', (q) => (q.paused ? badge('paused', 'bad') : badge('active', 'good'))],
    ['Created', (q) => el('span', { className: 'nowrap' }, time(q.createdAt))],
    ['', (q) => [
      el('button', { type: 'button', onclick: () => editQueue(q) }, 'Edit'),
      q.paused
        ? action('queues', 'Resume', (tk) => done('Resumed')(api.resumeQueue(BASE, tk, q.name)))
        : action('queues', 'Pause', (tk) => done('Paused')(api.pauseQueue(BASE, tk, q.name))),
      action('queues', 'Delete', (tk) => done('Deleted')(api.deleteQueue(BASE, tk, q.name)),
        { confirmText: `Delete queue ${q.name}? Its waiting messages are cancelled.`, className: 'danger' }),
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
  overview: refreshOverview,
  message: refreshMessage,
  logs: refreshLogs,
  workflows: refreshWorkflows,
  workflowRun: refreshWorkflowRun,
  publish: null,
  dlq: refreshDlq,
  schedules: refreshSchedules,
  urlGroups: refreshUrlGroups,
  queues: refreshQueues,
  flowControl: refreshFlowControl,
};

// ---- wiring -------------------------------------------------------------------------------------

/**
 * Submits an editor form: runs the call (a bad value or the broker's error shows in the view's status
 * line), then resets the form, refreshes the view and reports the call's result.
 */
function editor(formSelector, name, call) {
  const form = $(formSelector);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await guarded(name, (t) => call(t, form.elements));
    if (result !== undefined) {
      form.reset();
      form.querySelectorAll('input[readonly]').forEach((input) => { input.readOnly = false; });
      await refresh(name);
      status(name, result, false);
    }
  });
}

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
    result.replaceChildren(el('p', { className: 'error', role: 'alert' }, error.message));
    return;
  }
  result.replaceChildren(el('p', { className: 'ok', role: 'status' }, `Published ${published.length} message${published.length === 1 ? '' : 's'}:`),
    el('ul', {}, published.map((p) => el('li', {}, messageLink(p.messageId), p.url ? ` → ${p.url}` : '',
      p.deduplicated ? ' (deduplicated)' : ''))));
}

function wire() {
  $('#login-form').addEventListener('submit', signIn);
  $('#sign-out').addEventListener('click', () => askForToken());
  $('#confirm-cancel').addEventListener('click', () => $('#confirm').close('cancel'));
  $('#confirm-ok').addEventListener('click', () => $('#confirm').close('ok'));
  document.querySelectorAll('#tabs button').forEach((tab) => tab.addEventListener('click', () => show(tab.dataset.view)));
  document.querySelectorAll('.toolbar[data-refresh]').forEach((bar) => {
    const name = bar.dataset.refresh;
    const auto = el('input', { type: 'checkbox', className: 'auto', checked: bar.dataset.auto === 'on' });
    const every = name === 'overview' ? OVERVIEW_REFRESH_MS : AUTO_REFRESH_MS;
    bar.prepend(el('button', { type: 'button', onclick: () => refresh(name) }, 'Refresh'),
      el('label', {}, auto, ` auto-refresh (${every / 1000} s)`));
    bar.append(el('span', { className: 'status muted', role: 'status' }));
    setInterval(() => {
      if (current === name && auto.checked && !document.hidden) {
        refresh(name);
      }
    }, every);
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
  $('#workflows-form').addEventListener('submit', (event) => {
    event.preventDefault();
    workflowsState.filter = Object.fromEntries([...new FormData(event.target)].map(([k, v]) => [k, v.trim()]));
    workflowsState.cursor = undefined;
    refresh('workflows');
  });
  $('#workflows-newest').addEventListener('click', () => { workflowsState.cursor = undefined; refresh('workflows'); });
  $('#workflows-older').addEventListener('click', () => {
    workflowsState.cursor = workflowsState.older;
    refresh('workflows');
  });
  $('#workflowRun-back').addEventListener('click', () => show('workflows'));
  $('#message-form').addEventListener('submit', (event) => {
    event.preventDefault();
    openMessage(event.target.elements.id.value.trim());
  });
  $('#dlq-first').addEventListener('click', () => { dlqState.cursor = undefined; refresh('dlq'); });
  $('#dlq-next').addEventListener('click', () => { dlqState.cursor = dlqState.next; refresh('dlq'); });
  $('#dlq-delete-listed').addEventListener('click', async () => {
    const ids = dlqState.listed;
    if (ids.length === 0 || !(await confirmAction(`Delete the ${ids.length} listed DLQ messages?`))) {
      return;
    }
    const deleted = await guarded('dlq', (t) => api.deleteDlqMessages(BASE, t, ids));
    if (deleted !== undefined) {
      dlqState.cursor = undefined;
      await refresh('dlq');
      status('dlq', `Deleted ${deleted}`, false);
    }
  });
  editor('#queue-form', 'queues', async (t, form) => {
    await api.upsertQueue(BASE, t, { name: form.name.value, parallelism: Number(form.parallelism.value),
      paused: form.paused.checked });
    return `Saved queue ${form.name.value.trim()}`;
  });
  editor('#urlGroup-form', 'urlGroups', async (t, form) => {
    const name = form.name.value.trim();
    const editing = urlGroupState.editing?.name === name ? urlGroupState.editing.endpoints ?? [] : [];
    await api.saveUrlGroup(BASE, t, name, api.parseEndpoints(form.endpoints.value), editing);
    urlGroupState.editing = null;
    return `Saved URL group ${name}`;
  });
  editor('#schedule-form', 'schedules', async (t, form) => {
    const id = await api.createSchedule(BASE, t, { destination: form.destination.value, cron: form.cron.value,
      method: form.method.value, queue: form.queue.value, headers: form.headers.value, body: form.body.value });
    return `Created schedule ${id}`;
  });
  editor('#notify-form', 'workflowRun', async (t, form) => {
    const eventId = form.eventId.value.trim();
    const answer = await api.notifyWorkflowRun(BASE, t, runState.id, eventId, form.data.value);
    return answer.waiter ? `Event ${eventId} sent: the waiting run continues with it`
      : `Event ${eventId} kept until the run waits for it`;
  });
  $('#flowControl-form').addEventListener('submit', (event) => {
    event.preventDefault();
    flowState.search = event.target.elements.search.value.trim();
    refresh('flowControl');
  });
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
