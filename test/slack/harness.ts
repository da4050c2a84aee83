// The real Slack app (Bolt, HTTP mode) on a loopback port, talking to a fake Slack Web API, with the real
// engine, the real SQLite store (in memory) and, when asked for, the real quiz service.

import { EventEmitter } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { createEngine, type Engine } from "../../src/engine/index.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../../src/knowledge/paths.js";
import { createQuizService, type QuizRuntime } from "../../src/quiz/index.js";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { FakeSlack } from "./fake-slack.js";
import {
  appHomeOpened,
  blockActions,
  type ClickedButton,
  type Container,
  envelope,
  slackSignature,
  slashCommand,
} from "./payloads.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-0000000000-test-token";

let engine: Engine | undefined;
export function realEngine(): Engine {
  engine ??= createEngine(
    loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot }),
  );
  return engine;
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** null: no signature header at all; a string: this exact header. Default: a correct signature. */
  signature?: string | null;
  headers?: Record<string, string>;
}

export interface Harness {
  fake: FakeSlack;
  store: Store;
  engine: Engine;
  slack: SlackApp;
  quiz: QuizRuntime | undefined;
  url: string;
  logs: LogLine[];
  post(body: string, contentType: string, opts?: SendOptions): Promise<Response>;
  event(
    event: Record<string, unknown>,
    opts?: SendOptions & { eventId?: string; retryNum?: number },
  ): Promise<Response>;
  /** Runs `/srm <text>`; resolves with the HTTP response and the id of its response_url. */
  command(
    text: string,
    opts?: SendOptions & { user?: string; channel?: string },
  ): Promise<{ res: Response; rid: string }>;
  click(
    button: ClickedButton,
    container: Container,
    opts?: { user?: string; rid?: string },
  ): Promise<{ res: Response; rid: string }>;
  openHome(user: string): Promise<Response>;
  waitForLog(pred: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  close(): Promise<void>;
}

let rids = 0;

export async function startHarness(opts: { quiz?: boolean } = {}): Promise<Harness> {
  const fake = await new FakeSlack().start();
  const logs: LogLine[] = [];
  const logEvents = new EventEmitter();
  const logger = pino(
    { level: "debug" },
    {
      write(line: string) {
        logs.push(JSON.parse(line) as LogLine);
        logEvents.emit("log");
      },
    },
  );
  const store = await openStore({ sqlitePath: ":memory:", logger: pino({ level: "silent" }) });
  const eng = realEngine();
  const expressApp = express();
  const slack = createSlackApp({
    engine: eng,
    store,
    logger,
    slack: { mode: "http", botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
    expressApp,
    // Failures are the tests' own doing: no retries, so "Slack said no" is visible at once.
    clientOptions: { retryConfig: { retries: 0 } },
  });
  let quiz: QuizRuntime | undefined;
  if (opts.quiz) {
    quiz = createQuizService({ store, kb: eng.kb, notifiers: [slack.notifier], logger, seed: 7 });
    slack.setQuiz(quiz);
  }
  await slack.start();
  const server: Server = await new Promise((resolve) => {
    const s = expressApp.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post: Harness["post"] = async (body, contentType, o = {}) => {
    const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      ...o.headers,
    };
    if (o.signature !== null)
      headers["x-slack-signature"] = o.signature ?? slackSignature(SIGNING_SECRET, ts, body);
    return fetch(`${url}/slack/events`, { method: "POST", headers, body });
  };

  const h: Harness = {
    fake,
    store,
    engine: eng,
    slack,
    quiz,
    url,
    logs,
    post,
    event(event, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.retryNum !== undefined) {
        headers["x-slack-retry-num"] = String(o.retryNum);
        headers["x-slack-retry-reason"] = "http_timeout";
      }
      return post(JSON.stringify(envelope(event, o.eventId)), "application/json", { ...o, headers });
    },
    async command(text, o = {}) {
      const rid = `cmd${++rids}`;
      const res = await post(
        slashCommand(text, fake.responseUrl(rid), o),
        "application/x-www-form-urlencoded",
        o,
      );
      return { res, rid };
    },
    async click(button, container, o = {}) {
      const rid = o.rid ?? `act${++rids}`;
      const body = blockActions(button, container, { user: o.user, responseUrl: fake.responseUrl(rid) });
      const res = await post(body, "application/x-www-form-urlencoded");
      return { res, rid };
    },
    openHome(user) {
      return h.event(appHomeOpened(user));
    },
    waitForLog(pred, timeoutMs = 10_000) {
      const found = logs.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = logs.find(pred);
          if (!hit) return;
          clearTimeout(timer);
          logEvents.off("log", check);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          logEvents.off("log", check);
          reject(new Error(`timed out waiting for a log line; have: ${logs.map((l) => l.msg).join(" | ")}`));
        }, timeoutMs);
        logEvents.on("log", check);
      });
    },
    async close() {
      await quiz?.stop();
      await slack.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.stop();
      await store.close();
    },
  };
  return h;
}

/** Buttons found anywhere in a list of blocks. */
export function buttonsOf(
  blocks: unknown,
): Array<{ action_id: string; value: string; text: string; style?: string }> {
  const out: Array<{ action_id: string; value: string; text: string; style?: string }> = [];
  for (const b of (blocks as Array<Record<string, unknown>>) ?? []) {
    const els = [
      ...((b.elements as Array<Record<string, unknown>>) ?? []),
      ...(b.accessory ? [b.accessory as Record<string, unknown>] : []),
    ];
    for (const e of els)
      if (e.type === "button")
        out.push({
          action_id: String(e.action_id),
          value: String(e.value),
          text: String((e.text as { text: string }).text),
          ...(e.style ? { style: String(e.style) } : {}),
        });
  }
  return out;
}

/** Every text a person could read in the blocks, joined. */
export function textOf(blocks: unknown): string {
  return (
    JSON.stringify(blocks)
      .match(/"text":"((?:[^"\\]|\\.)*)"/g)
      ?.map((m) => JSON.parse(m.slice(7)) as string)
      .join("\n") ?? ""
  );
}
