// Drives a running embedded broker with the official @upstash/qstash SDK in dev mode
// (QSTASH_DEV=true, QSTASH_DEV_PORT=<broker port>): the SDK checks GET /v2/keys for the official
// dev credentials and then talks to the broker as to `qstash dev`. A local HTTP server receives
// the deliveries and verifies them with the SDK's Receiver. Exits non-zero on the first failure.
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
