// Serves the test workflows of io.github.qstashspring.workflow.TestWorkflows with the official
// @upstash/workflow SDK (version pinned in package.json), step for step the same, so that
// WorkflowWireComparisonTests can send this server and the Java endpoint the same deliveries
// and compare what each publishes to QStash and answers.
//
// Environment: QSTASH_URL (the test's WireMock QStash), QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY,
// QSTASH_NEXT_SIGNING_KEY, WORKFLOW_BASE_URL (the Java application's base URL: the workflow URLs
// are computed from it, so both sides publish the same URLs). Prints "listening <port>".
import http from "node:http";
import { Client, Receiver } from "@upstash/qstash";
import { serve, WorkflowNonRetryableError, WorkflowRetryAfterError } from "@upstash/workflow";

const options = {
  qstashClient: new Client({ baseUrl: process.env.QSTASH_URL, token: process.env.QSTASH_TOKEN }),
  receiver: new Receiver({
    currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY,
    nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY,
  }),
  baseUrl: process.env.WORKFLOW_BASE_URL,
  disableTelemetry: true,
};

const workflows = {
  "/workflows/run": serve(async (context) => {
    const order = context.requestPayload;
    const receipt = await context.run("charge", () => ({ orderId: order.id, status: "charged" }));
    const text = await context.run("describe", () => `order ${order.id}`);
    await context.run("notify-shop", () => {});
    const list = await context.run("list", () => [1, 2]);
    return { receipt, text, list };
  }, options),

  "/workflows/sleep": serve(async (context) => {
    await context.sleep("nap", 10);
    await context.sleepUntil("alarm", 1893456000);
  }, options),

  "/workflows/call": serve(async (context) => {
    const response = await context.call("fetch", {
      url: "https://api.example.com/quotes",
      method: "POST",
      body: '{"q":1}',
      headers: { "X-Key": "k" },
      retries: 2,
      timeout: "30s",
      flowControl: { key: "api", rate: 5 },
    });
    await context.call("download", { url: "https://api.example.com/file" });
    return response.body;
  }, options),

  "/workflows/wait": serve(async (context) => {
    const paid = await context.waitForEvent("wait-payment", "payment-1", { timeout: "1h" });
    await context.notify("notify-shipping", "shipping-1", { ok: true });
    return paid.timeout ? "timeout" : "paid";
  }, options),

  "/workflows/invoke": serve(async (context) => {
    await context.invoke("invoke-child", {
      workflow: { workflowId: "run" },
      body: { id: "o-9", amount: 9 },
      workflowRunId: "child-1",
      retries: 1,
    });
    return "done";
  }, options),

  "/workflows/webhook": serve(async (context) => {
    const webhook = await context.createWebhook("create-hook");
    await context.waitForWebhook("wait-hook", webhook, "30m");
    return "ok";
  }, options),

  "/workflows/parallel": serve(async (context) => {
    const [left, , right] = await Promise.all([
      context.run("left", () => 1),
      context.sleep("nap", 5),
      context.run("right", () => 2),
    ]);
    const sum = await context.run("sum", () => left + right);
    return `sum ${sum}`;
  }, options),

  "/workflows/parallel-mixed": serve(async (context) => {
    const [quote, approval] = await Promise.all([
      context.call("quote", { url: "https://api.example.com/quote" }),
      context.waitForEvent("approval", "approve-1", { timeout: "1d" }),
      context.invoke("child", { workflow: { workflowId: "run" }, body: '{"id":"o-2","amount":2}' }),
      context.sleepUntil("until", 1893456000),
    ]);
    return `${quote.body} ${approval.eventData}`;
  }, options),

  "/workflows/guarded": serve(async (context) => {
    if (context.headers.get("x-allowed") !== "yes") {
      return "not allowed";
    }
    await context.run("work", () => {});
    return "worked";
  }, {
    ...options,
    failureFunction: async ({ context }) => `handled ${context.requestPayload.id}`,
  }),

  "/workflows/failing": serve(async (context) => {
    const mode = context.requestPayload;
    await context.run("fail", () => {
      if (mode === "final") throw new WorkflowNonRetryableError("order is invalid");
      if (mode === "later") throw new WorkflowRetryAfterError("rate limited", 30);
      throw new Error("boom");
    });
  }, options),

  "/workflows/cancelling": serve(async (context) => {
    await context.run("before", () => {});
    await context.cancel();
  }, options),
};

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    try {
      const path = request.url.split("?")[0];
      const workflow = workflows[path];
      if (!workflow) {
        response.writeHead(404);
        response.end("no workflow at " + path);
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const body = Buffer.concat(chunks);
      const answer = await workflow.handler(new Request(`http://127.0.0.1:${server.address().port}${request.url}`, {
        method: request.method,
        headers,
        body: body.length > 0 ? body : undefined,
      }));
      const answerHeaders = {};
      answer.headers.forEach((value, name) => { answerHeaders[name] = value; });
      response.writeHead(answer.status, answerHeaders);
      response.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      response.writeHead(599);
      response.end(String(error && error.stack || error));
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
// The test holds stdin open; when it ends (or dies), so does this server.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
