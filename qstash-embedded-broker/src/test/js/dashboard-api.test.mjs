// Drives the dashboard's API module, as the broker serves it, against a real broker (started by
// DashboardApiNodeTests with a receiver whose /ok answers 200, /fail 500 and /workflow 200 as a workflow
// endpoint of the SDK does). node:assert only.
// Environment: BROKER_URL, BROKER_TOKEN, RECEIVER_URL.
import assert from 'node:assert/strict';
import * as api from './dashboard-api.js';

const base = process.env.BROKER_URL;
const token = process.env.BROKER_TOKEN;
const receiver = process.env.RECEIVER_URL;

let step = '';
function check(name) {
  step = name;
  console.log(`- ${name}`);
}

async function eventually(what, probe) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await probe();
    if (found) {
      return found;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function raw(method, path, { headers = {}, body } = {}) {
  const response = await fetch(base + path, { method, headers: { Authorization: `Bearer ${token}`, ...headers }, body });
  assert.equal(response.status, 200, `${method} ${path}: ${await response.text()}`);
}

async function rejectsWith(promise, status, text) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof api.ApiError, `not an ApiError: ${error}`);
    assert.equal(error.status, status, error.message);
    if (text) {
      assert.match(error.message, text);
    }
    return true;
  });
}

async function main() {
  check('a wrong token is answered 401 with the broker\'s error text');
  await rejectsWith(api.logs(base, 'wrong-token'), 401, /invalid token/);
  await rejectsWith(api.schedules(base, ''), 401);

  check('apiBase finds the API at the root, or under the prefix a proxy serves the broker at');
  assert.equal(api.apiBase('/dashboard/'), '');
  assert.equal(api.apiBase('/dashboard/index.html'), '');
  assert.equal(api.apiBase('/qstash/dashboard/'), '/qstash');
  assert.equal(api.apiBase('/tools/qstash/dashboard/index.html'), '/tools/qstash');

  check('parseHeaders reads "Name: value" lines and refuses others');
  assert.deepEqual(api.parseHeaders('Content-Type: text/plain\n\nUpstash-Forward-A:  b: c '),
    [['Content-Type', 'text/plain'], ['Upstash-Forward-A', 'b: c']]);
  assert.throws(() => api.parseHeaders('no colon here'), /line 1/);
  assert.throws(() => api.parseHeaders('Bad Name: x'), /line 1/);

  check('printableText decodes printable UTF-8 and refuses binary');
  assert.equal(api.printableText(Buffer.from('héllo\n\tworld').toString('base64')), 'héllo\n\tworld');
  assert.equal(api.printableText(Buffer.from([0, 1, 2, 255]).toString('base64')), null);
  assert.equal(api.printableText(undefined), null);

  check('publish delivers, and the logs show it with its body and headers, filtered by message id, state and url');
  const [published] = await api.publish(base, token, {
    url: `${receiver}/ok`, method: 'PUT', body: 'hello dashboard',
    headers: 'Content-Type: text/plain\nUpstash-Forward-Origin: dashboard',
  });
  assert.match(published.messageId, /^msg_/);
  const delivered = await eventually('DELIVERED', async () => (await api.logs(base, token,
    { messageId: published.messageId, state: 'DELIVERED' })).logs[0]);
  assert.equal(delivered.url, `${receiver}/ok`);
  assert.equal(delivered.method, 'PUT');
  const [created] = (await api.logs(base, token, { messageId: published.messageId, state: 'CREATED' })).logs;
  assert.equal(api.printableText(created.body), 'hello dashboard');
  assert.deepEqual(created.header.Origin, ['dashboard']);
  const byUrl = await api.logs(base, token, { url: `${receiver}/ok` });
  assert.ok(byUrl.logs.every((entry) => entry.url === `${receiver}/ok`));
  assert.ok(byUrl.logs.some((entry) => entry.messageId === published.messageId));

  check('publish reports the broker\'s error text');
  await rejectsWith(api.publish(base, token, { url: 'ftp://example.com/x' }), 400, /invalid destination/);
  await assert.rejects(api.publish(base, token, { url: ' ' }), /destination is required/);

  check('logs page towards older entries with the cursor');
  for (let i = 0; i < 3; i++) {
    await api.publish(base, token, { url: `${receiver}/ok`, body: `page ${i}` });
  }
  const first = await api.logs(base, token, { count: 2 });
  assert.equal(first.logs.length, 2);
  assert.ok(first.cursor, 'a cursor towards older entries');
  const older = await api.logs(base, token, { count: 2, cursor: first.cursor });
  assert.equal(older.logs.length, 2);
  assert.ok(older.logs[0].time <= first.logs[1].time, 'older entries come after');
  assert.notDeepEqual(older.logs, first.logs);

  check('a delayed message is looked up and cancelled');
  const [delayed] = await api.publish(base, token, { url: `${receiver}/ok`, body: 'later', delay: '1h' });
  const waiting = await api.message(base, token, delayed.messageId);
  assert.equal(waiting.messageId, delayed.messageId);
  assert.equal(waiting.body, 'later');
  assert.ok(waiting.notBefore > waiting.createdAt);
  assert.deepEqual(await api.cancelMessage(base, token, delayed.messageId), { cancelled: 1 });
  await rejectsWith(api.message(base, token, delayed.messageId), 404);
  await eventually('CANCELED', async () => (await api.logs(base, token,
    { messageId: delayed.messageId, state: 'CANCELED' })).logs.length > 0);

  check('a failed message lands in the DLQ; it is retried, deleted one by one and in bulk');
  const failed = [];
  for (let i = 0; i < 3; i++) {
    const [message] = await api.publish(base, token, { url: `${receiver}/fail`, body: `fail ${i}`, headers: 'Upstash-Retries: 0' });
    failed.push(message.messageId);
  }
  const inDlq = await eventually('3 DLQ messages', async () => {
    const page = await api.dlq(base, token);
    const mine = page.messages.filter((m) => failed.includes(m.messageId));
    return mine.length === 3 ? mine : null;
  });
  assert.equal(inDlq[0].responseStatus, 500);
  assert.equal(inDlq[0].url, `${receiver}/fail`);
  const paged = await api.dlq(base, token, { count: 2 });
  assert.equal(paged.messages.length, 2);
  assert.ok(paged.cursor);
  assert.equal((await api.dlq(base, token, { count: 2, cursor: paged.cursor })).messages.length, 1);
  const retriedId = await api.retryDlqMessage(base, token, inDlq[0].dlqId);
  assert.match(retriedId, /^msg_/);
  assert.notEqual(retriedId, inDlq[0].messageId);
  await api.deleteDlqMessage(base, token, inDlq[1].dlqId);
  await rejectsWith(api.deleteDlqMessage(base, token, inDlq[1].dlqId), 404);
  const remaining = await eventually('the retried message back in the DLQ', async () => {
    const page = await api.dlq(base, token);
    return page.messages.some((m) => m.messageId === retriedId) ? page.messages : null;
  });
  assert.ok(!remaining.some((m) => m.dlqId === inDlq[1].dlqId));
  assert.equal(await api.deleteDlqMessages(base, token, remaining.map((m) => m.dlqId)), remaining.length);
  assert.deepEqual((await api.dlq(base, token)).messages, []);
  assert.equal(await api.deleteDlqMessages(base, token, []), 0);

  check('a schedule is listed, paused, resumed and deleted');
  await raw('POST', `/v2/schedules/${receiver}/tick`, { headers: { 'Upstash-Cron': '0 0 1 1 *' }, body: 'tick' });
  const [schedule] = await api.schedules(base, token);
  assert.equal(schedule.cron, '0 0 1 1 *');
  assert.equal(schedule.destination, `${receiver}/tick`);
  assert.equal(schedule.isPaused, false);
  await api.pauseSchedule(base, token, schedule.scheduleId);
  assert.equal((await api.schedules(base, token))[0].isPaused, true);
  await api.resumeSchedule(base, token, schedule.scheduleId);
  assert.equal((await api.schedules(base, token))[0].isPaused, false);
  await api.deleteSchedule(base, token, schedule.scheduleId);
  assert.deepEqual(await api.schedules(base, token), []);
  await rejectsWith(api.pauseSchedule(base, token, schedule.scheduleId), 404);

  check('a URL group is listed with its endpoints, published to, and deleted');
  await raw('POST', '/v2/topics/dashboard-group/endpoints', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ endpoints: [{ name: 'a', url: `${receiver}/ok` }, { url: `${receiver}/ok?b` }] }),
  });
  const [group] = await api.urlGroups(base, token);
  assert.equal(group.name, 'dashboard-group');
  assert.deepEqual(group.endpoints, [{ name: 'a', url: `${receiver}/ok` }, { url: `${receiver}/ok?b` }]);
  const fanOut = await api.publish(base, token, { url: 'dashboard-group', body: 'to all' });
  assert.deepEqual(fanOut.map((m) => m.url).sort(), [`${receiver}/ok`, `${receiver}/ok?b`]);
  await api.deleteUrlGroup(base, token, 'dashboard-group');
  assert.deepEqual(await api.urlGroups(base, token), []);

  check('a queue is listed, paused, resumed and deleted');
  await raw('POST', '/v2/queues', {
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ queueName: 'dashboard-queue', parallelism: 2 }),
  });
  const [queue] = await api.queues(base, token);
  assert.equal(queue.name, 'dashboard-queue');
  assert.equal(queue.parallelism, 2);
  assert.equal(queue.paused, false);
  await api.pauseQueue(base, token, 'dashboard-queue');
  assert.equal((await api.queues(base, token))[0].paused, true);
  await api.resumeQueue(base, token, 'dashboard-queue');
  assert.equal((await api.queues(base, token))[0].paused, false);
  await api.deleteQueue(base, token, 'dashboard-queue');
  assert.deepEqual(await api.queues(base, token), []);

  check('a flow-control key is found, paused, resumed and its rate reset');
  await api.publish(base, token, {
    url: `${receiver}/ok`, body: 'flow',
    headers: 'Upstash-Flow-Control-Key: dashboard-key\nUpstash-Flow-Control-Value: rate=100, parallelism=2',
  });
  const [key] = await api.flowControlKeys(base, token, 'board-k');
  assert.equal(key.flowControlKey, 'dashboard-key');
  assert.equal(key.rateMax, 100);
  assert.equal(key.parallelismMax, 2);
  assert.deepEqual(await api.flowControlKeys(base, token, 'nothing-like-it'), []);
  await api.pauseFlowControl(base, token, 'dashboard-key');
  assert.equal((await api.flowControlKeys(base, token))[0].isPaused, true);
  await api.resumeFlowControl(base, token, 'dashboard-key');
  assert.equal((await api.flowControlKeys(base, token))[0].isPaused, false);
  await eventually('the flow message counted', async () => (await api.flowControlKeys(base, token))[0].rateCount >= 1);
  await api.resetFlowControlRate(base, token, 'dashboard-key');
  assert.equal((await api.flowControlKeys(base, token))[0].rateCount, 0);

  check('parseEndpoints reads "url" and "name url" lines and refuses others');
  assert.deepEqual(api.parseEndpoints(`${receiver}/a\n\n  b ${receiver}/b\nc=${receiver}/c`),
    [{ url: `${receiver}/a` }, { name: 'b', url: `${receiver}/b` }, { name: 'c', url: `${receiver}/c` }]);
  assert.throws(() => api.parseEndpoints('not a url'), /line 1/);

  check('a URL group is created and its endpoints replaced by saveUrlGroup');
  await api.saveUrlGroup(base, token, 'edited', [{ url: `${receiver}/ok` }, { name: 'two', url: `${receiver}/ok?2` }]);
  let [edited] = await api.urlGroups(base, token);
  assert.deepEqual(edited.endpoints, [{ url: `${receiver}/ok` }, { name: 'two', url: `${receiver}/ok?2` }]);
  await api.saveUrlGroup(base, token, 'edited', [{ name: 'two', url: `${receiver}/ok?2` }, { url: `${receiver}/ok?3` }],
    edited.endpoints);
  [edited] = await api.urlGroups(base, token);
  assert.deepEqual(edited.endpoints, [{ name: 'two', url: `${receiver}/ok?2` }, { url: `${receiver}/ok?3` }]);
  await assert.rejects(api.saveUrlGroup(base, token, 'edited', []), /at least one endpoint/);
  await api.deleteUrlGroup(base, token, 'edited');

  check('a queue is created and changed by upsertQueue');
  await api.upsertQueue(base, token, { name: 'upserted', parallelism: 3, paused: true });
  let [upserted] = await api.queues(base, token);
  assert.equal(upserted.parallelism, 3);
  assert.equal(upserted.paused, true);
  await api.upsertQueue(base, token, { name: 'upserted', parallelism: 1, paused: false });
  [upserted] = await api.queues(base, token);
  assert.equal(upserted.parallelism, 1);
  assert.equal(upserted.paused, false);
  await assert.rejects(api.upsertQueue(base, token, { name: 'upserted', parallelism: 0 }), /positive integer/);
  await api.deleteQueue(base, token, 'upserted');

  check('a schedule is created by createSchedule, with its method and body');
  const scheduleId = await api.createSchedule(base, token,
    { destination: `${receiver}/ok`, cron: '0 9 * * 1', method: 'PUT', body: 'weekly' });
  assert.match(scheduleId, /^scd_/);
  const [created2] = await api.schedules(base, token);
  assert.equal(created2.cron, '0 9 * * 1');
  assert.equal(created2.method, 'PUT');
  assert.equal(created2.body, 'weekly');
  await rejectsWith(api.createSchedule(base, token, { destination: `${receiver}/ok`, cron: 'nope' }), 400);
  await api.deleteSchedule(base, token, scheduleId);

  check('messageLife shows a delivered message\'s log in order, a waiting message, and a DLQ entry');
  const [lived] = await api.publish(base, token, { url: `${receiver}/ok`, body: 'life' });
  await eventually('DELIVERED', async () => (await api.logs(base, token,
    { messageId: lived.messageId, state: 'DELIVERED' })).logs.length > 0);
  const life = await api.messageLife(base, token, lived.messageId);
  assert.deepEqual(life.entries.map((e) => e.state), ['CREATED', 'ACTIVE', 'DELIVERED']);
  assert.equal(life.pending, undefined);
  assert.equal(life.dead, undefined);
  const [later] = await api.publish(base, token, { url: `${receiver}/ok`, body: 'later', delay: '1h' });
  const waitingLife = await api.messageLife(base, token, later.messageId);
  assert.equal(waitingLife.pending.messageId, later.messageId);
  await api.cancelMessage(base, token, later.messageId);
  const [doomed] = await api.publish(base, token, { url: `${receiver}/fail`, body: 'doomed', headers: 'Upstash-Retries: 0' });
  const deadLife = await eventually('FAILED', async () => {
    const found = await api.messageLife(base, token, doomed.messageId);
    return found.dead ? found : null;
  });
  assert.equal(deadLife.dead.messageId, doomed.messageId);
  assert.deepEqual(deadLife.entries.map((e) => e.state), ['CREATED', 'ACTIVE', 'ERROR', 'FAILED']);

  check('stats count what happened and give series of the window\'s steps');
  const figures = await api.stats(base, token, { window: 60, step: 5 });
  assert.equal(figures.series.step, 5000);
  assert.equal(figures.series.published.length, 12);
  assert.ok(figures.dlq >= 1);
  assert.ok(figures.series.published.reduce((a, b) => a + b, 0) >= 3);
  await rejectsWith(api.stats(base, token, { window: 7, step: 2 }), 400, /multiple of step/);

  check('workflow runs are listed newest first, filtered by state and URL, and paged with the cursor');
  const workflowUrl = `${receiver}/workflow`;
  const trigger = (runId) => ({
    destination: workflowUrl,
    body: JSON.stringify({ run: runId }),
    headers: {
      'upstash-workflow-init': 'true', 'upstash-workflow-runid': runId, 'upstash-workflow-url': workflowUrl,
      'upstash-forward-upstash-workflow-sdk-version': '1',
      'upstash-feature-set': 'LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig',
    },
  });
  await raw('POST', '/v2/batch', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([trigger('wfr_api1')]) });
  await raw('POST', '/v2/batch', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([trigger('wfr_api2')]) });
  const started = await eventually('two started runs', async () => {
    const page = await api.workflowRuns(base, token, { state: 'RUN_STARTED' });
    return page.runs.length === 2 ? page.runs : null;
  });
  assert.deepEqual(started.map((r) => r.workflowRunId), ['wfr_api2', 'wfr_api1']);
  assert.equal(started[1].workflowUrl, workflowUrl);
  assert.equal(started[1].steps[0].steps[0].stepType, 'Initial');
  assert.equal(started[1].steps[0].steps[0].out, '{"run":"wfr_api1"}');
  assert.equal((await api.workflowRuns(base, token, { workflowUrl })).runs.length, 2);
  assert.deepEqual((await api.workflowRuns(base, token, { workflowUrl: `${receiver}/elsewhere` })).runs, []);
  assert.deepEqual((await api.workflowRuns(base, token, { state: 'RUN_SUCCESS' })).runs, []);
  const firstRuns = await api.workflowRuns(base, token, { count: 1 });
  assert.deepEqual(firstRuns.runs.map((r) => r.workflowRunId), ['wfr_api2']);
  assert.ok(firstRuns.cursor, 'a cursor towards older runs');
  const olderRuns = await api.workflowRuns(base, token, { count: 1, cursor: firstRuns.cursor });
  assert.deepEqual(olderRuns.runs.map((r) => r.workflowRunId), ['wfr_api1']);
  assert.equal(olderRuns.cursor, undefined);
  assert.equal((await api.workflowRun(base, token, 'wfr_api1')).workflowState, 'RUN_STARTED');
  assert.equal(await api.workflowRun(base, token, 'wfr_nothing'), undefined);

  check('an event for a run that does not wait is kept; a run is cancelled once; an ended run takes no event');
  const kept = await api.notifyWorkflowRun(base, token, 'wfr_api1', 'evt_api', '{"ok":true}');
  assert.equal(kept.workflowRunId, 'wfr_api1');
  assert.equal(kept.waiter, undefined);
  await rejectsWith(api.notifyWorkflowRun(base, token, 'wfr_nothing', 'evt_api', 'x'), 404);
  await assert.rejects(api.notifyWorkflowRun(base, token, 'wfr_api1', ' ', 'x'), /event id is required/);
  assert.equal(await api.cancelWorkflowRun(base, token, 'wfr_api1'), 1);
  assert.equal(await api.cancelWorkflowRun(base, token, 'wfr_api1'), 0);
  assert.equal((await api.workflowRun(base, token, 'wfr_api1')).workflowState, 'RUN_CANCELED');
  assert.equal((await api.workflowRun(base, token, 'wfr_api2')).workflowState, 'RUN_STARTED');
  await rejectsWith(api.notifyWorkflowRun(base, token, 'wfr_api1', 'evt_api', 'x'), 400, /not running/);
  await assert.rejects(api.cancelWorkflowRun(base, token, ''), /workflow run id is required/);

  console.log('all dashboard API checks passed');
}

main().catch((error) => {
  console.error(`FAILED at "${step}":`, error);
  process.exit(1);
});
