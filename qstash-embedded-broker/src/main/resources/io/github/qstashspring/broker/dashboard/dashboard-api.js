// The dashboard's calls of the broker's /v2 API, and nothing else: no DOM, so the same module runs
// in the page and under Node (the broker's tests drive it against a real broker).
// Every call takes the broker's base URL ('' in the page: its own origin) and the token, sends
// "Authorization: Bearer <token>" and resolves to the parsed JSON answer, or rejects with an
// ApiError carrying the status and the broker's {"error"} text.

/** A call the broker answered with an error status. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function call(base, token, method, path, { query = {}, headers = [], body } = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.append(name, String(value));
    }
  }
  const search = params.toString();
  const requestHeaders = new Headers(headers);
  requestHeaders.set('Authorization', `Bearer ${token}`);
  const response = await fetch(base + path + (search ? `?${search}` : ''), { method, headers: requestHeaders, body });
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const message = (data && typeof data.error === 'string') ? data.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return data;
}

function segment(value, what) {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${what} is required`);
  }
  return encodeURIComponent(value.trim());
}

/**
 * The broker's base path as seen from the page: the part of the page's path before "/dashboard",
 * so that the API is still found when a proxy serves the broker under a path prefix.
 * @returns {string} '' at the root of the host, or the prefix (for example '/qstash')
 */
export function apiBase(pagePath) {
  const at = (pagePath ?? '').lastIndexOf('/dashboard');
  return (at > 0) ? pagePath.substring(0, at) : '';
}

/**
 * Reads extra request headers written one "Name: value" a line; blank lines are skipped.
 * @returns {Array<[string, string]>} the headers in order (a name may repeat)
 */
export function parseHeaders(text) {
  const headers = [];
  (text ?? '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    const colon = line.indexOf(':');
    const name = (colon > 0) ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new Error(`header line ${index + 1} is not "Name: value": ${line}`);
    }
    headers.push([name, line.slice(colon + 1).trim()]);
  });
  return headers;
}

/**
 * The text of a base64 body when it is printable UTF-8 (tabs and line breaks allowed), else null.
 */
export function printableText(base64) {
  if (typeof base64 !== 'string') {
    return null;
  }
  let bytes;
  try {
    bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text) ? null : text;
}

/**
 * Publishes a message: POST /v2/publish/<destination>.
 * @param {object} message url (a URL or a URL group name), method, body, headers (text, one
 *     "Name: value" a line, or pairs), delay (e.g. "10s")
 * @returns {Promise<Array<{messageId: string, url?: string, deduplicated?: boolean}>>} one entry,
 *     or one per endpoint of a URL group
 */
export async function publish(base, token, { url, method, body, headers, delay } = {}) {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new Error('destination is required');
  }
  const pairs = Array.isArray(headers) ? [...headers] : parseHeaders(headers);
  if (method) {
    pairs.push(['Upstash-Method', method]);
  }
  if (delay) {
    pairs.push(['Upstash-Delay', delay]);
  }
  const result = await call(base, token, 'POST', `/v2/publish/${url.trim()}`, { headers: pairs, body: body ?? '' });
  return Array.isArray(result) ? result : [result];
}

/**
 * Reads log entries, newest first: GET /v2/logs.
 * @param {object} filter state, messageId, url, topicName, queueName, scheduleId, count, cursor (of
 *     the previous page, for older entries)
 * @returns {Promise<{logs: object[], cursor?: string}>} the entries and the cursor of older ones
 */
export async function logs(base, token, filter = {}) {
  const { state, messageId, url, topicName, queueName, scheduleId, count, cursor } = filter;
  const result = await call(base, token, 'GET', '/v2/logs',
    { query: { state, messageId, url, topicName, queueName, scheduleId, count, cursor } });
  return { logs: result.logs ?? [], cursor: result.cursor || undefined };
}

/** Reads a message that is not yet delivered: GET /v2/messages/{id}. */
export function message(base, token, id) {
  return call(base, token, 'GET', `/v2/messages/${segment(id, 'message id')}`);
}

/** Cancels a message: DELETE /v2/messages/{id}. */
export function cancelMessage(base, token, id) {
  return call(base, token, 'DELETE', `/v2/messages/${segment(id, 'message id')}`);
}

/**
 * Reads the dead letter queue, oldest first: GET /v2/dlq.
 * @returns {Promise<{messages: object[], cursor?: string}>} the messages and the cursor of the next page
 */
export async function dlq(base, token, { count, cursor } = {}) {
  const result = await call(base, token, 'GET', '/v2/dlq', { query: { count, cursor } });
  return { messages: result.messages ?? [], cursor: result.cursor || undefined };
}

/** Deletes one DLQ message: DELETE /v2/dlq/{dlqId}. */
export async function deleteDlqMessage(base, token, dlqId) {
  await call(base, token, 'DELETE', `/v2/dlq/${segment(dlqId, 'DLQ id')}`);
}

/**
 * Deletes several DLQ messages: DELETE /v2/dlq with {"dlqIds": [...]}.
 * @returns {Promise<number>} how many were deleted
 */
export async function deleteDlqMessages(base, token, dlqIds) {
  if (!Array.isArray(dlqIds) || dlqIds.length === 0) {
    return 0;
  }
  const result = await call(base, token, 'DELETE', '/v2/dlq',
    { headers: [['Content-Type', 'application/json']], body: JSON.stringify({ dlqIds }) });
  return result.deleted;
}

/**
 * Publishes a DLQ message again as a new message: POST /v2/dlq/retry/{dlqId}.
 * @returns {Promise<string>} the new message's id
 */
export async function retryDlqMessage(base, token, dlqId) {
  const result = await call(base, token, 'POST', `/v2/dlq/retry/${segment(dlqId, 'DLQ id')}`);
  return result.messageId;
}

/** Lists the schedules: GET /v2/schedules. */
export function schedules(base, token) {
  return call(base, token, 'GET', '/v2/schedules');
}

/** Pauses a schedule: POST /v2/schedules/{id}/pause. */
export async function pauseSchedule(base, token, id) {
  await call(base, token, 'POST', `/v2/schedules/${segment(id, 'schedule id')}/pause`);
}

/** Resumes a schedule: POST /v2/schedules/{id}/resume. */
export async function resumeSchedule(base, token, id) {
  await call(base, token, 'POST', `/v2/schedules/${segment(id, 'schedule id')}/resume`);
}

/** Deletes a schedule: DELETE /v2/schedules/{id}. */
export async function deleteSchedule(base, token, id) {
  await call(base, token, 'DELETE', `/v2/schedules/${segment(id, 'schedule id')}`);
}

/** Lists the URL groups with their endpoints: GET /v2/topics. */
export function urlGroups(base, token) {
  return call(base, token, 'GET', '/v2/topics');
}

/** Deletes a URL group: DELETE /v2/topics/{name}. */
export async function deleteUrlGroup(base, token, name) {
  await call(base, token, 'DELETE', `/v2/topics/${segment(name, 'URL group name')}`);
}

/** Lists the queues with their lag: GET /v2/queues. */
export function queues(base, token) {
  return call(base, token, 'GET', '/v2/queues');
}

/** Pauses a queue: POST /v2/queues/{name}/pause. */
export async function pauseQueue(base, token, name) {
  await call(base, token, 'POST', `/v2/queues/${segment(name, 'queue name')}/pause`);
}

/** Resumes a queue: POST /v2/queues/{name}/resume. */
export async function resumeQueue(base, token, name) {
  await call(base, token, 'POST', `/v2/queues/${segment(name, 'queue name')}/resume`);
}

/** Deletes a queue: DELETE /v2/queues/{name}. */
export async function deleteQueue(base, token, name) {
  await call(base, token, 'DELETE', `/v2/queues/${segment(name, 'queue name')}`);
}

/** Lists the flow-control keys, optionally those containing a text: GET /v2/flowControl. */
export function flowControlKeys(base, token, search) {
  return call(base, token, 'GET', '/v2/flowControl', { query: { search } });
}

/** Pauses the deliveries of a flow-control key: POST /v2/flowControl/{key}/pause. */
export async function pauseFlowControl(base, token, key) {
  await call(base, token, 'POST', `/v2/flowControl/${segment(key, 'flow-control key')}/pause`);
}

/** Resumes the deliveries of a flow-control key: POST /v2/flowControl/{key}/resume. */
export async function resumeFlowControl(base, token, key) {
  await call(base, token, 'POST', `/v2/flowControl/${segment(key, 'flow-control key')}/resume`);
}

/** Starts a new rate period of a flow-control key: POST /v2/flowControl/{key}/resetRate. */
export async function resetFlowControlRate(base, token, key) {
  await call(base, token, 'POST', `/v2/flowControl/${segment(key, 'flow-control key')}/resetRate`);
}

/**
 * Reads workflow runs, newest first: GET /v2/workflows/logs (at most 10 runs a page).
 * @param {object} filter workflowRunId, state (RUN_STARTED, RUN_SUCCESS, RUN_FAILED, RUN_CANCELED),
 *     workflowUrl (exact), count, cursor (of the previous page, for older runs)
 * @returns {Promise<{runs: object[], cursor?: string}>} the runs, each with its steps in groups
 *     (sequential, parallel, next), and the cursor of older ones
 */
export async function workflowRuns(base, token, filter = {}) {
  const { workflowRunId, state, workflowUrl, count, cursor } = filter;
  const result = await call(base, token, 'GET', '/v2/workflows/logs',
    { query: { workflowRunId, state, workflowUrl, count, cursor } });
  return { runs: result.runs ?? [], cursor: result.cursor || undefined };
}

/**
 * Reads one workflow run: GET /v2/workflows/logs?workflowRunId={id}.
 * @returns {Promise<object|undefined>} the run, or undefined when the broker has no such run
 */
export async function workflowRun(base, token, id) {
  segment(id, 'workflow run id');
  const page = await workflowRuns(base, token, { workflowRunId: id.trim(), count: 1 });
  return page.runs[0];
}

/**
 * Cancels a workflow run: DELETE /v2/workflows/runs?workflowRunIds={id}. Its pending steps and
 * waits are dropped and it ends as RUN_CANCELED.
 * @returns {Promise<number>} 1, or 0 when the run had already ended
 */
export async function cancelWorkflowRun(base, token, id) {
  segment(id, 'workflow run id');
  const result = await call(base, token, 'DELETE', '/v2/workflows/runs', { query: { workflowRunIds: id.trim() } });
  return result.cancelled;
}

/**
 * Sends an event to one workflow run: POST /v2/notify/{runId}/{eventId} with the data as the body.
 * A run waiting for the event continues with it; otherwise the broker keeps the event until the
 * run waits for it.
 * @returns {Promise<object>} the broker's answer: with a waiter when a waiting run was notified
 */
export async function notifyWorkflowRun(base, token, runId, eventId, data) {
  return call(base, token, 'POST', `/v2/notify/${segment(runId, 'workflow run id')}/${segment(eventId, 'event id')}`,
    { body: data ?? '' });
}

/**
 * Reads the broker's figures for the overview: GET /v2/stats (a broker extension, not QStash's).
 * @param {object} options window and step, in seconds (defaults 900 and 10)
 * @returns {Promise<object>} counts now (messages by state, backlog, dlq, queues, schedules, URL
 *     groups) and series per step (from, step, published, delivered, errors, failed, backlog)
 */
export function stats(base, token, { window, step } = {}) {
  return call(base, token, 'GET', '/v2/stats', { query: { window, step } });
}

/**
 * Creates or changes a queue: POST /v2/queues with {"queueName", "parallelism", "paused"}.
 * @param {object} queue name, parallelism (a positive integer) and paused
 */
export async function upsertQueue(base, token, { name, parallelism, paused } = {}) {
  segment(name, 'queue name');
  const body = { queueName: name.trim(), parallelism: Number(parallelism ?? 1) };
  if (!Number.isInteger(body.parallelism) || body.parallelism < 1) {
    throw new Error('parallelism must be a positive integer');
  }
  if (paused !== undefined) {
    body.paused = Boolean(paused);
  }
  await call(base, token, 'POST', '/v2/queues',
    { headers: [['Content-Type', 'application/json']], body: JSON.stringify(body) });
}

/**
 * Reads endpoints written one a line, "url" or "name url" (or "name=url"); blank lines are skipped.
 * @returns {Array<{name?: string, url: string}>} the endpoints in order
 */
export function parseEndpoints(text) {
  const endpoints = [];
  (text ?? '').split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') {
      return;
    }
    const match = /^(?:([A-Za-z0-9._-]+)(?:\s+|=))?(https?:\/\/\S+)$/.exec(trimmed);
    if (!match) {
      throw new Error(`endpoint line ${index + 1} is not "url" or "name url": ${line}`);
    }
    endpoints.push(match[1] ? { name: match[1], url: match[2] } : { url: match[2] });
  });
  return endpoints;
}

/** Adds endpoints to a URL group, creating it: POST /v2/topics/{name}/endpoints. */
export async function addEndpoints(base, token, name, endpoints) {
  await call(base, token, 'POST', `/v2/topics/${segment(name, 'URL group name')}/endpoints`,
    { headers: [['Content-Type', 'application/json']], body: JSON.stringify({ endpoints }) });
}

/** Removes endpoints from a URL group: DELETE /v2/topics/{name}/endpoints. */
export async function removeEndpoints(base, token, name, endpoints) {
  await call(base, token, 'DELETE', `/v2/topics/${segment(name, 'URL group name')}/endpoints`,
    { headers: [['Content-Type', 'application/json']], body: JSON.stringify({ endpoints }) });
}

/**
 * Makes a URL group's endpoints exactly the given ones (creating the group): adds the new ones,
 * then removes those no longer listed.
 * @param {Array<{name?: string, url: string}>} current the group's endpoints now ([] for a new group)
 */
export async function saveUrlGroup(base, token, name, endpoints, current = []) {
  if (endpoints.length === 0) {
    throw new Error('a URL group needs at least one endpoint');
  }
  const key = (e) => `${e.name ?? ''} ${e.url}`;
  const wanted = new Set(endpoints.map(key));
  const present = new Set(current.map(key));
  const added = endpoints.filter((e) => !present.has(key(e)));
  const removed = current.filter((e) => !wanted.has(key(e)));
  if (added.length > 0) {
    await addEndpoints(base, token, name, added);
  }
  if (removed.length > 0) {
    await removeEndpoints(base, token, name, removed.map((e) => (e.name ? { name: e.name, url: e.url } : { url: e.url })));
  }
}

/**
 * Creates a schedule: POST /v2/schedules/<destination> with Upstash-Cron.
 * @param {object} schedule destination, cron, method, body, headers (text or pairs), queue
 * @returns {Promise<string>} the schedule id
 */
export async function createSchedule(base, token, { destination, cron, method, body, headers, queue } = {}) {
  if (typeof destination !== 'string' || destination.trim() === '') {
    throw new Error('destination is required');
  }
  if (typeof cron !== 'string' || cron.trim() === '') {
    throw new Error('cron is required');
  }
  const pairs = Array.isArray(headers) ? [...headers] : parseHeaders(headers);
  pairs.push(['Upstash-Cron', cron.trim()]);
  if (method) {
    pairs.push(['Upstash-Method', method]);
  }
  if (queue && queue.trim()) {
    pairs.push(['Upstash-Queue-Name', queue.trim()]);
  }
  const result = await call(base, token, 'POST', `/v2/schedules/${destination.trim()}`,
    { headers: pairs, body: body ?? '' });
  return result.scheduleId;
}

/**
 * Everything about one message: its log entries (oldest first), the message while it waits or is
 * retried, and its DLQ entry once it failed. Asks GET /v2/messages/{id} only while the log shows
 * it is not done, so that a finished message costs no 404.
 * @returns {Promise<{entries: object[], pending?: object, dead?: object}>}
 */
export async function messageLife(base, token, id) {
  segment(id, 'message id');
  const page = await logs(base, token, { messageId: id.trim(), count: 1000 });
  const entries = [...page.logs].reverse(); // the log lists newest first, in the order of writing
  const last = entries.length > 0 ? entries[entries.length - 1].state : undefined;
  const life = { entries };
  if (last === 'FAILED') {
    const dead = await call(base, token, 'GET', '/v2/dlq', { query: { messageId: id.trim() } });
    life.dead = (dead.messages ?? [])[0];
  } else if (!['DELIVERED', 'CANCELED'].includes(last)) {
    try {
      life.pending = await message(base, token, id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        throw error;
      }
    }
  }
  return life;
}
