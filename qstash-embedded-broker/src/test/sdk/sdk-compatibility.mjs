// Drives a running embedded broker with the official @upstash/qstash SDK in dev mode
// (QSTASH_DEV=true, QSTASH_DEV_PORT=<broker port>): the SDK checks GET /v2/keys for the official
// dev credentials and then talks to the broker as to `qstash dev`. A local HTTP server receives
// the deliveries and verifies them with the SDK's Receiver: publish, batch, messages, DLQ, logs,
// schedules, URL groups, queues, flow control and keys. Exits non-zero on the first failure.
import http from "node:http";
import assert from "node:assert/strict";
import { Client, Receiver } from "@upstash/qstash";

const port = process.env.QSTASH_DEV_PORT;
assert.ok(port, "QSTASH_DEV_PORT must name the broker's port");
assert.equal(process.env.QSTASH_DEV, "true", "QSTASH_DEV must be true");
const baseUrl = `http://127.0.0.1:${port}`;
const devToken = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";

const client = new Client({});
const receiver = new Receiver({});

// --- A receiver that verifies every delivery with the SDK's Receiver ---------------------------
const received = [];
const failingPaths = new Set();
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const url = `http://127.0.0.1:${server.address().port}${request.url}`;
    let verified = false;
    try {
      verified = await receiver.verify({ signature: request.headers["upstash-signature"], body, url });
    } catch (error) {
      console.error(`signature of ${request.url} rejected: ${error.message}`);
    }
    received.push({ path: request.url, method: request.method, headers: request.headers, body, verified });
    const status = !verified ? 401 : failingPaths.has(request.url) ? 500 : 200;
    response.writeHead(status, { "content-type": "text/plain" });
    response.end(`status ${status}`);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const target = (path) => `http://127.0.0.1:${server.address().port}${path}`;

async function eventually(description, check, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const deliveriesTo = (path) => received.filter((entry) => entry.path === path);

async function step(name, body) {
  await body();
  console.log(`ok - ${name}`);
}

try {
  await step("keys: GET /v2/keys answers the official dev keys (the SDK's dev-mode health check)", async () => {
    const response = await fetch(`${baseUrl}/v2/keys`, { headers: { Authorization: `Bearer ${devToken}` } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      current: "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r",
      next: "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs",
    });
  });

  await step("publish: delivered with forwarded headers, verified by Receiver", async () => {
    const { messageId } = await client.publish({
      url: target("/publish?x=1"),
      body: "hello",
      headers: { "test-header": "test-value" },
      retries: 1,
    });
    assert.match(messageId, /^msg_/);
    const [delivery] = await eventually("publish delivery", () => deliveriesTo("/publish?x=1").length && deliveriesTo("/publish?x=1"));
    assert.ok(delivery.verified);
    assert.equal(delivery.body, "hello");
    assert.equal(delivery.headers["test-header"], "test-value");
    assert.equal(delivery.headers["upstash-message-id"], messageId);
  });

  await step("publishJSON: JSON body and content type", async () => {
    await client.publishJSON({ url: target("/json"), body: { hello: "world" } });
    const [delivery] = await eventually("json delivery", () => deliveriesTo("/json").length && deliveriesTo("/json"));
    assert.ok(delivery.verified);
    assert.deepEqual(JSON.parse(delivery.body), { hello: "world" });
    assert.equal(delivery.headers["content-type"], "application/json");
  });

  await step("batch and batchJSON", async () => {
    const results = await client.batch([
      { url: target("/batch-a"), body: "a" },
      { url: target("/batch-b"), body: "b", queueName: "sdk-queue" },
    ]);
    assert.equal(results.length, 2);
    results.forEach((result) => assert.match(result.messageId, /^msg_/));
    const json = await client.batchJSON([{ url: target("/batch-json"), body: { n: 1 } }]);
    assert.equal(json.length, 1);
    await eventually("batch deliveries", () =>
      deliveriesTo("/batch-a").length && deliveriesTo("/batch-b").length && deliveriesTo("/batch-json").length);
    assert.ok(received.filter((entry) => entry.path.startsWith("/batch")).every((entry) => entry.verified));
  });

  await step("messages: get and cancel a delayed message", async () => {
    const { messageId } = await client.publish({ url: target("/delayed"), body: "later", delay: 3600 });
    const message = await client.messages.get(messageId);
    assert.equal(message.messageId, messageId);
    assert.equal(message.url, target("/delayed"));
    assert.equal(message.body, "later");
    assert.ok(message.notBefore > message.createdAt);
    const cancelled = await client.messages.cancel(messageId);
    assert.equal(cancelled.cancelled, 1);
    await assert.rejects(() => client.messages.get(messageId));
    const second = await client.publish({ url: target("/delayed"), body: "later", delay: 3600, label: "bulk" });
    const bulk = await client.messages.cancel({ filter: { label: "bulk" } });
    assert.equal(bulk.cancelled, 1);
    await assert.rejects(() => client.messages.get(second.messageId));
  });

  let failedId;
  await step("dlq: failed messages are listed, retried and deleted", async () => {
    failingPaths.add("/failing");
    const { messageId } = await client.publish({ url: target("/failing"), body: "boom", retries: 0 });
    failedId = messageId;
    const listed = await eventually("dlq entry", async () => {
      const { messages } = await client.dlq.listMessages();
      return messages.find((message) => message.messageId === messageId);
    });
    assert.equal(listed.responseStatus, 500);
    assert.ok(listed.dlqId);
    failingPaths.delete("/failing");
    const retried = await client.dlq.retry(listed.dlqId);
    assert.equal(retried.responses.length, 1);
    assert.equal(retried.cursor, undefined);
    await eventually("redelivery", () => deliveriesTo("/failing").length >= 2);

    failingPaths.add("/failing-again");
    const other = await client.publish({ url: target("/failing-again"), body: "boom", retries: 0 });
    const entry = await eventually("second dlq entry", async () => {
      const { messages } = await client.dlq.listMessages({ filter: { url: target("/failing-again") } });
      return messages.find((message) => message.messageId === other.messageId);
    });
    const deleted = await client.dlq.delete({ dlqIds: [entry.dlqId] });
    assert.equal(deleted.deleted, 1);
    const { messages } = await client.dlq.listMessages();
    assert.equal(messages.length, 0);
  });

  await step("logs: the state sequence of a failed message", async () => {
    const { logs } = await client.logs({ filter: { messageId: failedId } });
    const states = logs.map((log) => log.state).reverse();
    assert.deepEqual(states, ["CREATED", "ACTIVE", "ERROR", "FAILED"]);
    const events = await client.events({ filter: { state: "CANCELED" } });
    assert.equal(events.logs.length, 2);
  });

  await step("schedules: create, upsert by id, get, list, pause, resume, delete", async () => {
    const { scheduleId } = await client.schedules.create({
      destination: target("/scheduled"),
      cron: "*/10 * * * * ",
      body: JSON.stringify({ hello: "world" }),
      headers: { "test-header": "v" },
      retries: 2,
      delay: 10,
      queueName: "sdk-schedule-queue",
    });
    assert.match(scheduleId, /^scd_/);
    const schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.cron, "*/10 * * * *");
    assert.equal(schedule.destination, target("/scheduled"));
    assert.equal(schedule.retries, 2);
    assert.equal(schedule.delay, 10);
    assert.equal(schedule.queueName, "sdk-schedule-queue");
    assert.deepEqual(schedule.header["Test-Header"], ["v"]);
    assert.equal(schedule.body, JSON.stringify({ hello: "world" }));
    assert.ok(schedule.nextScheduleTime > Date.now() - 1000);
    const upserted = await client.schedules.create({
      destination: target("/scheduled"), cron: "0 * * * *", scheduleId: "sdk-fixed-id",
    });
    assert.equal(upserted.scheduleId, "sdk-fixed-id");
    await client.schedules.create({ destination: target("/other"), cron: "CRON_TZ=Europe/Paris 0 9 * * *", scheduleId: "sdk-fixed-id" });
    assert.equal((await client.schedules.get("sdk-fixed-id")).destination, target("/other"));
    assert.equal((await client.schedules.list()).length, 2);
    await client.schedules.pause({ schedule: scheduleId });
    assert.equal((await client.schedules.get(scheduleId)).isPaused, true);
    await client.schedules.resume({ schedule: scheduleId });
    assert.equal((await client.schedules.get(scheduleId)).isPaused, false);
    await client.schedules.delete(scheduleId);
    await client.schedules.delete("sdk-fixed-id");
    assert.equal((await client.schedules.list()).length, 0);
    await assert.rejects(() => client.schedules.get(scheduleId));
  });

  await step("url groups: endpoints, fan-out publish with Upstash-Topic-Name, remove, delete", async () => {
    await client.urlGroups.addEndpoints({
      name: "sdk-group",
      endpoints: [{ name: "first", url: target("/group-a") }, { url: target("/group-b") }],
    });
    const group = await client.urlGroups.get("sdk-group");
    assert.equal(group.name, "sdk-group");
    assert.equal(group.endpoints.length, 2);
    const results = await client.publish({ urlGroup: "sdk-group", body: "fan-out" });
    assert.equal(results.length, 2);
    assert.notEqual(results[0].messageId, results[1].messageId);
    assert.equal(results[0].url, target("/group-a"));
    await eventually("fan-out deliveries", () => deliveriesTo("/group-a").length && deliveriesTo("/group-b").length);
    for (const path of ["/group-a", "/group-b"]) {
      const [delivery] = deliveriesTo(path);
      assert.ok(delivery.verified);
      assert.equal(delivery.headers["upstash-topic-name"], "sdk-group");
    }
    assert.equal((await client.urlGroups.list()).length, 1);
    await client.urlGroups.removeEndpoints({ name: "sdk-group", endpoints: [{ name: "first" }] });
    assert.equal((await client.urlGroups.get("sdk-group")).endpoints.length, 1);
    await client.urlGroups.delete("sdk-group");
    await assert.rejects(() => client.urlGroups.get("sdk-group"));
  });

  await step("queues: upsert, enqueue in order, get with lag, pause, resume, list, delete", async () => {
    const queue = client.queue({ queueName: "sdk-fifo" });
    await queue.upsert({ parallelism: 1, paused: true });
    for (let i = 0; i < 5; i++) {
      await queue.enqueue({ url: target("/fifo"), body: `m${i}` });
    }
    const paused = await queue.get();
    assert.equal(paused.name, "sdk-fifo");
    assert.equal(paused.paused, true);
    assert.equal(paused.lag, 5);
    assert.equal(deliveriesTo("/fifo").length, 0);
    await queue.resume();
    await eventually("queue deliveries", () => deliveriesTo("/fifo").length >= 5);
    assert.deepEqual(deliveriesTo("/fifo").map((entry) => entry.body), ["m0", "m1", "m2", "m3", "m4"]);
    await queue.pause();
    assert.equal((await queue.get()).paused, true);
    const all = await queue.list();
    assert.ok(all.some((entry) => entry.name === "sdk-fifo"));
    await queue.delete();
    await assert.rejects(() => queue.get());
  });

  await step("flow control: rate and parallelism per key, get, pause, resume, pin, unpin, reset, global", async () => {
    for (let i = 0; i < 6; i++) {
      await client.publish({ url: target("/flow"), body: `f${i}`, flowControl: { key: "sdk-key", parallelism: 2, rate: 100, period: 1 } });
    }
    await eventually("flow-controlled deliveries", () => deliveriesTo("/flow").length >= 6);
    const info = await client.flowControl.get("sdk-key");
    assert.equal(info.flowControlKey, "sdk-key");
    assert.equal(info.parallelismMax, 2);
    assert.equal(info.rateMax, 100);
    assert.equal(info.ratePeriod, 1);
    await client.flowControl.pause("sdk-key");
    assert.equal((await client.flowControl.get("sdk-key")).isPaused, true);
    await client.flowControl.resume("sdk-key");
    await client.flowControl.pin("sdk-key", { parallelism: 1, rate: 5, period: 10 });
    const pinned = await client.flowControl.get("sdk-key");
    assert.equal(pinned.isPinnedParallelism, true);
    assert.equal(pinned.isPinnedRate, true);
    assert.equal(pinned.parallelismMax, 1);
    await client.flowControl.unpin("sdk-key", { parallelism: true, rate: true });
    assert.equal((await client.flowControl.get("sdk-key")).isPinnedRate, false);
    await client.flowControl.resetRate("sdk-key");
    assert.equal((await client.flowControl.get("sdk-key")).rateCount, 0);
    const global = await client.flowControl.getGlobalParallelism();
    assert.ok(global.parallelismMax > 0);
    assert.equal(typeof global.parallelismCount, "number");
  });

  await step("keys: rotate promotes the next key", async () => {
    const response = await fetch(`${baseUrl}/v2/keys/rotate`, {
      method: "POST",
      headers: { Authorization: `Bearer ${devToken}` },
    });
    const keys = await response.json();
    assert.equal(keys.current, "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs");
    assert.match(keys.next, /^sig_[A-Za-z0-9]{28}$/);
  });
  console.log("all SDK compatibility checks passed");
} finally {
  server.close();
}
