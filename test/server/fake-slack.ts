// A local stand-in for Slack's Web API (SLACK_API_URL points at it): records every call, answers like Slack.

import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
// ws 7 (what @slack/socket-mode brings along) has no named ESM exports.
import WebSocket from "ws";

export interface SlackCall {
  method: string;
  authorization?: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL (ends with /api/). */
  apiUrl: string;
  calls: SlackCall[];
  /** Socket Mode connections made so far (apps.connections.open hands out a local WebSocket server). */
  socketConnections(): number;
  close(): Promise<void>;
}

/** Tokens this fake refuses, as Slack does for a revoked or mistyped token. */
export const REJECTED_TOKEN = "xoxb-rejected-by-fake-slack";

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const wss = new WebSocket.Server({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test`;
  let connections = 0;
  wss.on("connection", (ws) => {
    connections += 1;
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0APP" } }));
  });
  const app = express();
  app.use(express.urlencoded({ extended: false }), express.json());
  app.post("/api/:method", (req, res) => {
    const method = String(req.params.method);
    const authorization = req.get("authorization");
    calls.push({ method, ...(authorization ? { authorization } : {}), body: req.body ?? {} });
    if (authorization === `Bearer ${REJECTED_TOKEN}`) {
      res.json({ ok: false, error: "invalid_auth" });
      return;
    }
    switch (method) {
      case "auth.test":
        res.json({
          ok: true,
          url: "https://fake.slack/",
          team: "Fake",
          user: "srm-bot",
          team_id: "T0FAKE",
          user_id: "U0BOT",
          bot_id: "B0BOT",
        });
        return;
      case "apps.connections.open":
        res.json({ ok: true, url: socketUrl });
        return;
      case "chat.postMessage":
        res.json({ ok: true, channel: req.body?.channel ?? "C0", ts: `${Date.now() / 1000}` });
        return;
      default:
        res.json({ ok: true });
    }
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    socketConnections: () => connections,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** Headers exactly as Slack signs a request (v0 HMAC-SHA256 over "v0:timestamp:body"). */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const sig = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${sig}` };
}
