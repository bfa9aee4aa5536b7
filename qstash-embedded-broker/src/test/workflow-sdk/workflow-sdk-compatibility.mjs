// Runs workflows of the official @upstash/workflow SDK (version pinned in package.json) on a running
// embedded broker, as a user of Upstash Workflow would: a local HTTP server serves the workflows with
// the SDK's serveMany (its Next.js App Router handler is a plain Request -> Response function, wrapped
// here over node:http), and the SDK's Client triggers runs, notifies, cancels and reads the logs.
//
// Environment: QSTASH_URL (the broker), QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY and
// QSTASH_NEXT_SIGNING_KEY (the broker's development credentials: with both keys the SDK verifies
// every delivery's signature). Every scenario runs at once with its own deadline; each checks what
// the user sees and that each step body ran exactly once; at the end no delivery may have failed but
// the one a step fails on purpose (the SDK answers 5xx when a call to the broker fails). Prints "ok - <scenario>" or
// "FAIL - <scenario>" with what was seen (and the scenario's deliveries), then
// "all workflow SDK compatibility checks passed" or exits non-zero.
import http from "node:http";
import assert from "node:assert/strict";
import { Client, WorkflowNonRetryableError } from "@upstash/workflow";
import { createWorkflow, serveMany } from "@upstash/workflow/nextjs";

for (const name of ["QSTASH_URL", "QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"]) {
  assert.ok(process.env[name], `${name} must be set`);
}
assert.notEqual(process.env.QSTASH_DEV, "true", "QSTASH_DEV must not be true: the test gives the credentials");

const client = new Client({ baseUrl: process.env.QSTASH_URL, token: process.env.QSTASH_TOKEN });
const SCENARIO_DEADLINE_MS = 45000;

// --- What the workflows did, seen from inside the Node process ---------------------------------
/** Executions of step bodies, keyed by `${workflowRunId} ${stepName}`. */
const executions = new Map();
/** What each run's route function returned, by run id. */
const results = new Map();
/** What each run's failure function was given, by run id. */
const failures = new Map();
/** The webhook each run created, by run id. */
const webhooks = new Map();
/** Run ids of the runs each scenario triggered, for its trace. */
const observed = new Map();

function executed(context, stepName) {
  const key = `${context.workflowRunId} ${stepName}`;
  executions.set(key, (executions.get(key) ?? 0) + 1);
}

/** A context.run whose body is counted. */
function counted(context, stepName, body) {
  return context.run(stepName, () => {
    executed(context, stepName);
    return body();
  });
}

function finish(context, value) {
  results.set(context.workflowRunId, value);
  return value;
}

function executionsOf(runId) {
  const counts = {};
  for (const [key, count] of executions) {
    const [id, ...name] = key.split(" ");
    if (id === runId) counts[name.join(" ")] = count;
  }
  return counts;
}

function assertRanOnce(runId, ...stepNames) {
  const expected = Object.fromEntries(stepNames.map((name) => [name, 1]));
  assert.deepEqual(executionsOf(runId), expected, `step bodies executed in ${runId}`);
}

// --- The workflows -------------------------------------------------------------------------------
async function recordFailure({ context, failStatus, failResponse }) {
  failures.set(context.workflowRunId, { failStatus, failResponse, payload: context.requestPayload });
  return `failure handled for ${context.workflowRunId}`;
}

const child = createWorkflow(async (context) => {
  const doubled = await counted(context, "double", () => context.requestPayload.n * 2);
  return finish(context, { doubled });
});

const workflows = {
  sequential: createWorkflow(async (context) => {
    const first = await counted(context, "first", () => context.requestPayload.n + 1);
    const second = await counted(context, "second", () => ({ doubled: first * 2, user: context.headers.get("x-user") }));
    const third = await counted(context, "third", () => `third saw ${second.doubled}`);
    const seen = await counted(context, "context", () => ({ createdAt: context.workflowRunCreatedAt, labels: context.labels }));
    return finish(context, { first, second, third, context: seen });
  }),

  sleeps: createWorkflow(async (context) => {
    const before = await counted(context, "before-sleep", () => Date.now());
    await context.sleep("nap", 2);
    const napped = await counted(context, "after-sleep", () => Date.now());
    const wakeAt = await counted(context, "pick-wake-time", () => Math.floor(Date.now() / 1000) + 2);
    await context.sleepUntil("alarm", wakeAt);
    const woke = await counted(context, "after-alarm", () => Date.now());
    return finish(context, { before, napped, wakeAt, woke });
  }),

  call: createWorkflow(async (context) => {
    const response = await context.call("call-echo", {
      url: `${baseUrl}/plain/echo?from=call`,
      method: "POST",
      body: JSON.stringify({ question: "ping" }),
      headers: { "content-type": "application/json", "x-call-header": "sent" },
    });
    const missing = await context.call("call-missing", { url: `${baseUrl}/plain/missing` });
    const status = await counted(context, "after-call", () => response.status);
    return finish(context, {
      status,
      body: response.body,
      header: headerValue(response.header, "x-plain"),
      missing: { status: missing.status, body: missing.body },
    });
  }),

  "wait-notify": createWorkflow(async (context) => {
    const { eventData, timeout } = await context.waitForEvent("wait-order", context.requestPayload.eventId, {
      timeout: "40s",
    });
    const seen = await counted(context, "after-wait", () => ({ eventData, timeout }));
    return finish(context, seen);
  }),

  lookback: createWorkflow(async (context) => {
    await context.sleep("pause", 1);
    const { eventData, timeout } = await context.waitForEvent("wait-stored", context.requestPayload.eventId, {
      timeout: "40s",
    });
    const seen = await counted(context, "after-stored", () => ({ eventData, timeout }));
    return finish(context, seen);
  }),

  "wait-timeout": createWorkflow(async (context) => {
    const { eventData, timeout } = await context.waitForEvent("wait-nothing", context.requestPayload.eventId, {
      timeout: "2s",
    });
    const seen = await counted(context, "after-timeout", () => ({ eventData: eventData ?? null, timeout }));
    return finish(context, seen);
  }),

  parallel: createWorkflow(async (context) => {
    const [a, b, c] = await Promise.all([
      counted(context, "branch-a", () => 1),
      counted(context, "branch-b", () => 20),
      counted(context, "branch-c", () => 300),
    ]);
    const sum = await counted(context, "sum", () => a + b + c);
    return finish(context, { a, b, c, sum });
  }),

  child,

  invoke: createWorkflow(async (context) => {
    const { body, isFailed, isCanceled } = await context.invoke("invoke-child", {
      workflow: child,
      body: { n: 21 },
      workflowRunId: `child-of-${context.workflowRunId}`,
    });
    const seen = await counted(context, "after-invoke", () => ({ body, isFailed, isCanceled }));
    return finish(context, seen);
  }),

  webhook: createWorkflow(async (context) => {
    const webhook = await context.createWebhook("create-hook");
    webhooks.set(context.workflowRunId, webhook);
    const { request, timeout } = await context.waitForWebhook("wait-hook", webhook, "40s");
    const seen = await context.run("read-hook", async () => {
      executed(context, "read-hook");
      return {
        timeout,
        method: request?.method,
        body: await request?.text(),
        header: request?.headers.get("x-hook"),
        query: request ? new URL(request.url).searchParams.get("q") : undefined,
      };
    });
    return finish(context, seen);
  }),

  failing: createWorkflow(async (context) => {
    await counted(context, "explode", () => {
      throw new Error(`kaboom in ${context.workflowRunId}`);
    });
    return finish(context, "unreachable");
  }, { failureFunction: recordFailure }),

  "non-retryable": createWorkflow(async (context) => {
    await counted(context, "refuse", () => {
      throw new WorkflowNonRetryableError("not worth retrying");
    });
    return finish(context, "unreachable");
  }, { failureFunction: recordFailure }),

  "self-cancel": createWorkflow(async (context) => {
    await counted(context, "before-cancel", () => "running");
    await context.cancel();
    await counted(context, "after-cancel", () => "must not run");
    return finish(context, "unreachable");
  }),

  cancel: createWorkflow(async (context) => {
    await context.waitForEvent("wait-forever", context.requestPayload.eventId, { timeout: "60s" });
    await counted(context, "after-cancelled-wait", () => "must not run");
    return finish(context, "unreachable");
  }),
};
const handler = serveMany(workflows).POST;

// --- The HTTP server: the workflows and a plain JSON endpoint for context.call -------------------
const trace = [];
const echoes = [];
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    const body = Buffer.concat(chunks);
    const path = request.url.split("?")[0];
    if (path === "/plain/missing") {
      echoes.push({ method: request.method, url: request.url, headers: request.headers, body: body.toString("utf8") });
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("no such thing");
      return;
    }
    if (path === "/plain/echo") {
      echoes.push({ method: request.method, url: request.url, headers: request.headers, body: body.toString("utf8") });
      response.writeHead(201, { "content-type": "application/json", "x-plain": "yes" });
      response.end(JSON.stringify({ echoed: JSON.parse(body.toString("utf8") || "null"), method: request.method }));
      return;
    }
    const entry = {
      at: new Date().toISOString(),
      method: request.method,
      path: request.url,
      runId: request.headers["upstash-workflow-runid"],
      signed: request.headers["upstash-signature"] !== undefined,
      headers: pick(request.headers, [
        "upstash-workflow-sdk-version", "upstash-message-id", "upstash-retried", "upstash-workflow-callback",
        "upstash-workflow-is-failure", "upstash-workflow-failure-callback", "upstash-workflow-invoke-count",
      ]),
      body: describe(body.toString("utf8")),
    };
    trace.push(entry);
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const answer = await handler(new Request(`${baseUrl}${request.url}`, {
        method: request.method,
        headers,
        body: body.length > 0 && request.method !== "GET" && request.method !== "HEAD" ? body : undefined,
      }));
      const text = Buffer.from(await answer.arrayBuffer());
      entry.status = answer.status;
      entry.answer = text.toString("utf8").slice(0, 300);
      const answerHeaders = {};
      answer.headers.forEach((value, name) => { answerHeaders[name] = value; });
      response.writeHead(answer.status, answerHeaders);
      response.end(text);
    } catch (error) {
      entry.status = 599;
      entry.answer = String(error?.stack ?? error);
      response.writeHead(599);
      response.end(entry.answer);
    }
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const workflowUrl = (id) => `${baseUrl}/workflows/${id}`;

// --- Helpers ------------------------------------------------------------------------------------
function pick(object, names) {
  return Object.fromEntries(names.filter((name) => object[name] !== undefined).map((name) => [name, object[name]]));
}

/** A delivery's body for the trace: a step history with its entries decoded, else the text cut short. */
function describe(text) {
  try {
    const history = JSON.parse(text);
    if (Array.isArray(history) && history.every((entry) => "messageId" in entry && "callType" in entry)) {
      return history.map((entry) =>
        `${entry.callType} ${entry.messageId}: ${Buffer.from(entry.body ?? "", "base64").toString("utf8").slice(0, 200)}`);
    }
  } catch {
    // not JSON: shown as text
  }
  return text.slice(0, 400);
}

function headerValue(headers, name) {
  const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** Polls until check returns a truthy value; an error it throws (a failed API call) ends the wait. */
async function eventually(description, check, deadline) {
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${description}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Triggers a run of a workflow with the SDK's Client and remembers its id for the scenario's trace. */
async function trigger(scenario, id, options = {}) {
  const { workflowRunId } = await client.trigger({ url: workflowUrl(id), ...options });
  assert.match(workflowRunId, /^wfr_/, "client.trigger returns a wfr_ run id");
  observed.get(scenario).push(workflowRunId);
  return workflowRunId;
}

/** Waits until client.logs shows the run in a final state, asserts which, and returns the run's log. */
async function finalLog(runId, state, deadline) {
  let seen;
  await eventually(`${runId} to end as ${state} in client.logs`, async () => {
    const { runs } = await client.logs({ workflowRunId: runId });
    seen = runs?.find((run) => run.workflowRunId === runId);
    return seen && seen.workflowState !== "RUN_STARTED";
  }, deadline).catch((error) => {
    throw new Error(`${error.message}; last log seen: ${JSON.stringify(seen)?.slice(0, 1500)}`);
  });
  assert.equal(seen.workflowState, state, `state of ${runId} in client.logs: ${JSON.stringify(seen).slice(0, 1500)}`);
  return seen;
}

function loggedStepNames(run) {
  return (run.steps ?? []).flatMap((group) => group.steps ?? []).map((step) => step.stepName);
}

async function waiterOf(eventId, deadline) {
  return eventually(`a waiter for ${eventId}`, async () => {
    const waiters = await client.getWaiters({ eventId });
    return Array.isArray(waiters) && waiters.length > 0 && waiters;
  }, deadline);
}

const unique = () => Math.random().toString(36).slice(2, 10);

// --- The scenarios ------------------------------------------------------------------------------
const scenarios = {
  async "the endpoint verifies signatures: an unsigned delivery is refused"(scenario) {
    observed.get(scenario).push("wfr_unsigned");
    const response = await fetch(workflowUrl("sequential"), {
      method: "POST",
      headers: { "content-type": "application/json", "upstash-workflow-sdk-version": "1",
        "upstash-workflow-runid": "wfr_unsigned" },
      body: "[]",
    });
    const answer = await response.text();
    assert.equal(response.status, 500, `the SDK refuses a delivery without a signature: ${answer}`);
    assert.match(answer, /Failed to verify that the Workflow request comes from QStash/);
    assert.deepEqual(executionsOf("wfr_unsigned"), {});
  },

  async "sequential context.run steps, results passed on; logs show RUN_SUCCESS and the response"(scenario, deadline) {
    const runId = await trigger(scenario, "sequential", {
      body: { n: 1 },
      headers: { "x-user": "ada" },
      label: ["compat", "sequential"],
      workflowRunId: `sequential-${unique()}`,
    });
    assert.match(runId, /^wfr_sequential-/, "a custom run id gets the wfr_ prefix");
    await eventually("the sequential run to return", () => results.has(runId), deadline);
    const result = results.get(runId);
    const { createdAt } = result.context;
    assert.deepEqual(result, {
      first: 2,
      second: { doubled: 4, user: "ada" },
      third: "third saw 4",
      context: { createdAt, labels: ["compat", "sequential"] },
    });
    assert.ok(Number.isInteger(createdAt) && createdAt > 0, `context.workflowRunCreatedAt: ${createdAt}`);
    assertRanOnce(runId, "first", "second", "third", "context");
    const run = await finalLog(runId, "RUN_SUCCESS", deadline);
    assert.equal(run.workflowUrl, workflowUrl("sequential"));
    assert.equal(run.workflowRunCreatedAt, createdAt, "the logs and the context agree on the creation time");
    assert.deepEqual(run.labels, ["compat", "sequential"]);
    assert.deepEqual(JSON.parse(run.workflowRunResponse), result, "workflowRunResponse is the returned value");
    const names = loggedStepNames(run);
    for (const name of ["first", "second", "third", "context"]) {
      assert.ok(names.includes(name), `client.logs lists step ${name}: ${JSON.stringify(names)}`);
    }
  },

  async "context.sleep and context.sleepUntil"(scenario, deadline) {
    const runId = await trigger(scenario, "sleeps");
    await eventually("the sleeping run to return", () => results.has(runId), deadline);
    const { before, napped, wakeAt, woke } = results.get(runId);
    assert.ok(napped - before >= 1500, `the step after sleep(2) ran ${napped - before} ms after the one before`);
    assert.ok(woke >= wakeAt * 1000 - 1000, `the step after sleepUntil(${wakeAt}) ran at ${woke / 1000}`);
    assertRanOnce(runId, "before-sleep", "after-sleep", "pick-wake-time", "after-alarm");
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "context.call of a plain JSON endpoint returns its status, body and headers"(scenario, deadline) {
    const runId = await trigger(scenario, "call");
    await eventually("the calling run to return", () => results.has(runId), deadline);
    assert.deepEqual(results.get(runId), {
      status: 201,
      body: { echoed: { question: "ping" }, method: "POST" },
      header: "yes",
      missing: { status: 404, body: "no such thing" },
    });
    const calls = echoes.filter((echo) => echo.url === "/plain/echo?from=call");
    assert.equal(calls.length, 1, "the broker called the endpoint once");
    assert.equal(calls[0].body, JSON.stringify({ question: "ping" }));
    assert.equal(calls[0].headers["x-call-header"], "sent");
    assert.equal(calls[0].headers["upstash-workflow-runid"], undefined, "no run headers go to the third party");
    assert.equal(echoes.filter((echo) => echo.url === "/plain/missing").length, 1, "a call has no retries by default");
    assertRanOnce(runId, "after-call");
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "context.waitForEvent resolved by client.notify"(scenario, deadline) {
    const eventId = `order-${unique()}`;
    const runId = await trigger(scenario, "wait-notify", { body: { eventId } });
    const [waiter] = await waiterOf(eventId, deadline);
    assert.equal(waiter.url, workflowUrl("wait-notify"), `the waiter: ${JSON.stringify(waiter)}`);
    const notified = await client.notify({ eventId, eventData: { paid: 42 } });
    assert.ok(Array.isArray(notified) && notified.length === 1, `client.notify answers one waiter: ${JSON.stringify(notified)}`);
    assert.equal(notified[0].workflowRunId, runId, `client.notify names the run: ${JSON.stringify(notified)}`);
    await eventually("the waiting run to return", () => results.has(runId), deadline);
    assert.deepEqual(results.get(runId), { eventData: { paid: 42 }, timeout: false });
    assertRanOnce(runId, "after-wait");
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "client.notify with the run id before the run waits: the event is kept for it"(scenario, deadline) {
    const eventId = `early-${unique()}`;
    const runId = await trigger(scenario, "lookback", { body: { eventId } });
    await client.notify({ eventId, eventData: "early bird", workflowRunId: runId });
    await eventually("the run to get the stored event", () => results.has(runId), deadline);
    assert.deepEqual(results.get(runId), { eventData: "early bird", timeout: false });
    assertRanOnce(runId, "after-stored");
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "context.waitForEvent with timeout 2s times out"(scenario, deadline) {
    const runId = await trigger(scenario, "wait-timeout", { body: { eventId: `never-${unique()}` } });
    await eventually("the timed-out run to return", () => results.has(runId), deadline);
    assert.deepEqual(results.get(runId), { eventData: null, timeout: true });
    assertRanOnce(runId, "after-timeout");
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "parallel context.run steps with Promise.all"(scenario, deadline) {
    const runId = await trigger(scenario, "parallel");
    await eventually("the parallel run to return", () => results.has(runId), deadline);
    assert.deepEqual(results.get(runId), { a: 1, b: 20, c: 300, sum: 321 });
    assertRanOnce(runId, "branch-a", "branch-b", "branch-c", "sum");
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "context.invoke of another workflow of serveMany returns its result"(scenario, deadline) {
    const runId = await trigger(scenario, "invoke");
    const childId = `wfr_child-of-${runId}`;
    observed.get(scenario).push(childId);
    await eventually("the invoking run to return", () => results.has(runId), deadline);
    assert.deepEqual(results.get(childId), { doubled: 42 }, "the child ran with the invoke body");
    assert.deepEqual(results.get(runId), { body: { doubled: 42 }, isFailed: false, isCanceled: false });
    assertRanOnce(childId, "double");
    assertRanOnce(runId, "after-invoke");
    const childLog = await finalLog(childId, "RUN_SUCCESS", deadline);
    assert.equal(childLog.invoker?.workflowRunId, runId, `the child's log names its invoker: ${JSON.stringify(childLog.invoker)}`);
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "context.createWebhook and waitForWebhook, the webhook called with fetch"(scenario, deadline) {
    const runId = await trigger(scenario, "webhook");
    const webhook = await eventually("the webhook to be created", () => webhooks.get(runId), deadline);
    assert.ok(webhook.webhookUrl.startsWith(`${process.env.QSTASH_URL}/v2/workflows/hooks/`), webhook.webhookUrl);
    const called = await fetch(`${webhook.webhookUrl}?q=search`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hook": "hooked" },
      body: JSON.stringify({ delivered: true }),
    });
    assert.ok(called.ok, `the webhook answered ${called.status} ${await called.text()}`);
    await eventually("the webhook run to return", () => results.has(runId), deadline);
    assert.deepEqual(results.get(runId), {
      timeout: false,
      method: "POST",
      body: JSON.stringify({ delivered: true }),
      header: "hooked",
      query: "search",
    });
    assertRanOnce(runId, "read-hook");
    await finalLog(runId, "RUN_SUCCESS", deadline);
  },

  async "a failing step with retries 0 fails the run and calls the failureFunction"(scenario, deadline) {
    const runId = await trigger(scenario, "failing", { body: { order: 7 }, retries: 0 });
    const failure = await eventually("the failure function to run", () => failures.get(runId), deadline);
    assert.equal(failure.failStatus, 500);
    assert.equal(failure.failResponse, `kaboom in ${runId}`);
    assert.deepEqual(failure.payload, { order: 7 }, "the failure function sees the initial payload");
    assert.equal(results.has(runId), false);
    assertRanOnce(runId, "explode");
    const run = await finalLog(runId, "RUN_FAILED", deadline);
    const { messages } = await client.dlq.list({ filter: { workflowRunId: runId } });
    assert.equal(messages?.length, 1, `client.dlq.list shows the failed run: ${JSON.stringify(messages)?.slice(0, 1500)}`);
    assert.equal(messages[0].workflowRunId, runId);
    assert.equal(messages[0].responseStatus, 500);
    assert.equal(messages[0].dlqId, run.dlqId, "the logs and the DLQ name the same entry");
    let logged;
    await eventually("client.logs to show the failure function succeeded", async () => {
      logged = (await client.logs({ workflowRunId: runId })).runs?.[0]?.failureFunction;
      return logged?.state === "CALLBACK_SUCCESS";
    }, deadline).catch((error) => {
      throw new Error(`${error.message}; failureFunction in client.logs: ${JSON.stringify(logged)}`);
    });
  },

  async "a WorkflowNonRetryableError fails the run at once despite retries"(scenario, deadline) {
    const runId = await trigger(scenario, "non-retryable", { retries: 3 });
    const failure = await eventually("the failure function to run", () => failures.get(runId), deadline);
    assert.equal(failure.failStatus, 489);
    assert.equal(failure.failResponse, "not worth retrying");
    assertRanOnce(runId, "refuse");
    await finalLog(runId, "RUN_FAILED", deadline);
  },

  async "context.cancel ends the run as RUN_CANCELED"(scenario, deadline) {
    const runId = await trigger(scenario, "self-cancel");
    await finalLog(runId, "RUN_CANCELED", deadline);
    assertRanOnce(runId, "before-cancel");
    assert.equal(results.has(runId), false);
  },

  async "client.cancel of a run waiting for an event"(scenario, deadline) {
    const eventId = `cancelled-${unique()}`;
    const runId = await trigger(scenario, "cancel", { body: { eventId } });
    await waiterOf(eventId, deadline);
    assert.deepEqual(await client.cancel({ ids: [runId] }), { cancelled: 1 });
    assert.deepEqual(await client.getWaiters({ eventId }), [], "the cancelled run's waiter is gone");
    assert.deepEqual(await client.cancel({ ids: [runId] }), { cancelled: 0 }, "a second cancel counts nothing");
    assertRanOnce(runId);
    await finalLog(runId, "RUN_CANCELED", deadline);
  },

  async "client.trigger of a batch returns the run ids, client.logs reads each run"(scenario, deadline) {
    const triggered = await client.trigger([
      { url: workflowUrl("parallel") },
      { url: workflowUrl("sequential"), body: { n: 10 } },
    ]);
    assert.equal(triggered.length, 2, JSON.stringify(triggered));
    const [parallelRun, sequentialRun] = triggered.map((entry) => entry.workflowRunId);
    observed.get(scenario).push(parallelRun, sequentialRun);
    assert.notEqual(parallelRun, sequentialRun);
    await eventually("both runs to return", () => results.has(parallelRun) && results.has(sequentialRun), deadline);
    assert.equal(results.get(sequentialRun).first, 11);
    const parallelLog = await finalLog(parallelRun, "RUN_SUCCESS", deadline);
    const sequentialLog = await finalLog(sequentialRun, "RUN_SUCCESS", deadline);
    assert.equal(parallelLog.workflowUrl, workflowUrl("parallel"));
    assert.deepEqual(JSON.parse(sequentialLog.workflowRunResponse).first, 11);
    const { runs } = await client.logs({ workflowUrl: workflowUrl("sequential"), count: 10 });
    assert.ok(runs.some((run) => run.workflowRunId === sequentialRun), "client.logs filtered by workflowUrl");
    assert.ok(runs.every((run) => run.workflowUrl === workflowUrl("sequential")), "only runs of that URL");
  },
};

// --- Run them all at once, each with its deadline -----------------------------------------------
const started = Date.now();
const outcomes = await Promise.all(Object.entries(scenarios).map(async ([name, scenario]) => {
  observed.set(name, []);
  try {
    await scenario(name, Date.now() + SCENARIO_DEADLINE_MS);
    return { name };
  } catch (error) {
    return { name, error };
  }
}));
// A delivery the SDK answered 5xx means one of its calls to the broker failed (or a step threw).
const unexpectedErrors = trace.filter((entry) => entry.status >= 500 && entry.runId !== "wfr_unsigned"
  && !entry.answer.includes("kaboom in"));
outcomes.push({
  name: "no delivery failed except the step that throws on purpose (every SDK call to the broker succeeded)",
  error: unexpectedErrors.length === 0 ? undefined : new Error(`${unexpectedErrors.length} deliveries answered 5xx:\n`
    + unexpectedErrors.map((entry) => `${entry.path} ${entry.runId} ${entry.headers["upstash-message-id"]}: `
      + `${entry.status} ${entry.answer.slice(0, 200)}`).join("\n")),
});
observed.set(outcomes.at(-1).name, []);
let failed = 0;
const explained = new Set();
for (const { name, error } of outcomes) {
  if (!error) {
    console.log(`ok - ${name}`);
    continue;
  }
  failed++;
  console.log(`FAIL - ${name}\n  ${String(error?.stack ?? error).replaceAll("\n", "\n  ")}`);
  const runIds = observed.get(name);
  console.log(`  runs: ${JSON.stringify(runIds)}; step bodies executed: ${JSON.stringify(runIds.map(executionsOf))}`);
  for (const entry of trace.filter((candidate) => runIds.includes(candidate.runId) || runIds.some((id) => JSON.stringify(candidate.body).includes(id)))) {
    explained.add(entry);
    console.log(`  delivery ${JSON.stringify(entry)}`);
  }
}
const unexplained = trace.filter((entry) => !explained.has(entry) && ![...observed.values()].flat().includes(entry.runId));
if (failed > 0 && unexplained.length > 0) {
  console.log(`deliveries of no failing scenario's run (${unexplained.length}, the first 40):`);
  unexplained.slice(0, 40).forEach((entry) => console.log(`  delivery ${JSON.stringify(entry)}`));
}
console.log(`scenarios: ${outcomes.length - failed} ok, ${failed} failing, in ${Math.round((Date.now() - started) / 1000)} s`);
server.close();
if (failed > 0) {
  process.exit(1);
}
console.log("all workflow SDK compatibility checks passed");
process.exit(0);
