// The Slack adapter mounted on the one shared express app (src/server/app.ts), as src/index.ts wires it:
// the server's raw-body reader and size limit in front, Slack's signature check and handlers behind.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp, finishServerApp } from "../../src/server/app.js";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { FakeSlack } from "./fake-slack.js";
import { BOT_TOKEN, realEngine, SIGNING_SECRET, textOf } from "./harness.js";
import { slackSignature, slashCommand } from "./payloads.js";

const logger = pino({ level: "silent" });
let fake: FakeSlack;
let store: Store;
let slack: SlackApp;
let server: Server;
let url: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  store = await openStore({ sqlitePath: ":memory:", logger });
  const app = createServerApp({ logger, isShuttingDown: () => false });
  slack = createSlackApp({
    engine: realEngine(),
    store,
    logger,
    slack: { mode: "http", botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
    expressApp: app,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  finishServerApp(app);
  await slack.start();
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await slack?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await fake?.stop();
  await store?.close();
});

function post(body: string, signed = true): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${url}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      ...(signed ? { "x-slack-signature": slackSignature(SIGNING_SECRET, ts, body) } : {}),
    },
    body,
  });
}

describe("on the shared server", () => {
  it("verifies the signature over the bytes the server read, and answers", async () => {
    const res = await post(slashCommand("who handles RDS patching?", fake.responseUrl("shared-1")));
    expect(res.status).toBe(200);
    const r = await fake.waitForResponse((x) => x.id === "shared-1");
    expect(textOf(r.body.blocks)).toContain("AWS owns this");
  });

  it("still refuses unsigned requests with 401", async () => {
    const res = await post(slashCommand("who handles RDS patching?", fake.responseUrl("shared-2")), false);
    expect(res.status).toBe(401);
  });

  it("leaves other paths to the rest of the server", async () => {
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });
});
