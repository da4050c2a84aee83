// Socket Mode (SLACK_APP_TOKEN set): the same app over a WebSocket, against a local stand-in for Slack's
// Socket Mode server. Slack may send an envelope again; the event is still answered once.

import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { FakeSlack } from "./fake-slack.js";
import { BOT_TOKEN, realEngine, textOf } from "./harness.js";
import { appMention, envelope, slashCommand } from "./payloads.js";

let fake: FakeSlack;
// ws 7 (what @slack/socket-mode brings along) has no named ESM exports.
let wss: WebSocket.Server;
let store: Store;
let slack: SlackApp;
let socket: WebSocket;
const acks: Array<{ envelope_id: string }> = [];
const logs: Array<{ msg: string; [k: string]: unknown }> = [];

function send(message: Record<string, unknown>): void {
  socket.send(JSON.stringify(message));
}

function waitForAck(id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${id}`)), 10_000);
    const check = () => {
      if (acks.some((a) => a.envelope_id === id)) {
        clearTimeout(timer);
        socket.off("message", check);
        resolve();
      }
    };
    socket.on("message", check);
    check();
  });
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  wss = new WebSocket.Server({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  fake.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test`;
  const connected = new Promise<WebSocket>((resolve) =>
    wss.once("connection", (ws) => {
      ws.on("message", (data: WebSocket.Data) => acks.push(JSON.parse(String(data))));
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0APP" } }));
      resolve(ws);
    }),
  );
  store = await openStore({ sqlitePath: ":memory:", logger: pino({ level: "silent" }) });
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  slack = createSlackApp({
    engine: realEngine(),
    store,
    logger,
    slack: { mode: "socket", botToken: BOT_TOKEN, appToken: "xapp-1-A0APP-test", apiUrl: fake.apiUrl },
    clientOptions: { retryConfig: { retries: 0 } },
  });
  expect(slack.mode).toBe("socket");
  await slack.start();
  socket = await connected;
});

afterAll(async () => {
  await slack?.stop();
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  await fake?.stop();
  await store?.close();
});

describe("Socket Mode", () => {
  it("connects with the app token through apps.connections.open on the configured API URL", () => {
    const open = fake.callsOf("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe("xapp-1-A0APP-test");
  });

  it("answers a mention once, even when Slack sends the envelope again", async () => {
    const body = envelope(
      appMention("<@U0BOT> who handles RDS patching?", { channel: "C0SOCKET" }),
      "Ev0SOCKET1",
    );
    send({
      envelope_id: "env-1",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: body,
    });
    await waitForAck("env-1");
    const post = await fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0SOCKET",
    );
    expect(textOf(post.args.blocks)).toContain("AWS owns this");
    send({
      envelope_id: "env-2",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: "timeout",
      payload: body,
    });
    await waitForAck("env-2");
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("no dedupe log")), 10_000);
      const tick = setInterval(() => {
        if (logs.some((l) => l.msg === "repeated Slack event skipped" && l.eventId === "Ev0SOCKET1")) {
          clearTimeout(t);
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0SOCKET")).toHaveLength(1);
  });

  it("acknowledges a slash command over the socket and answers through response_url", async () => {
    const payload = Object.fromEntries(
      new URLSearchParams(slashCommand("service rds", fake.responseUrl("sock-cmd"))),
    );
    send({ envelope_id: "env-3", type: "slash_commands", accepts_response_payload: true, payload });
    await waitForAck("env-3");
    const r = await fake.waitForResponse((x) => x.id === "sock-cmd");
    expect(r.body.response_type).toBe("ephemeral");
    expect(textOf(r.body.blocks)).toContain("Amazon RDS: who owns what");
  });
});
