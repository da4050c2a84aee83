// The server killed with SIGKILL in the middle of a burst of quiz answers (playground answers, acknowledged by
// their HTTP response, and Slack button clicks, acknowledged when the result reaches the person through
// response_url): after a restart on the same SQLite file, every acknowledged answer is in the store, and the
// server treats it as given.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../server/run-server.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { buttonsOf, textOf } from "../slack/harness.js";
import { blockActions, slackSignature, slashCommand } from "../slack/payloads.js";

const SECRET = "sigkill-signing-secret-000000";
const PEOPLE = 300;
const KILL_AFTER = 100;
const RECORDED = /Correct|Not quite/;

const dir = mkdtempSync(join(tmpdir(), "srm-bot-sigkill-"));
const sqlitePath = join(dir, "srm-bot.db");
let fake: FakeSlack;
const servers: RunningServer[] = [];

function start(): Promise<RunningServer> {
  return startServer({
    SQLITE_PATH: sqlitePath,
    SLACK_BOT_TOKEN: "xoxb-sigkill",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PLAYGROUND: "true",
    RATE_LIMIT_PLAYGROUND: "0",
  }).then((s) => {
    servers.push(s);
    return s;
  });
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
});

afterAll(async () => {
  for (const s of servers) await s.stop();
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function signed(s: RunningServer, body: string): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${s.url}/slack/events`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature(SECRET, ts, body),
    },
  });
}

async function playgroundAction(s: RunningServer, action: unknown, user: string): Promise<string> {
  const res = await fetch(`${s.url}/playground/api/action`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ action, user }),
  });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

const pgUser = (i: number) => `pg-kill-${String(i).padStart(4, "0")}`;
const slackUser = (i: number) => `UK${String(i).padStart(5, "0")}`;

describe("SIGKILL during a burst of quiz answers", () => {
  const acked: Array<{ quiz: string; user: string }> = [];
  let practice: string[] = [];
  let channelQuiz = "";
  let buttonValue = "";

  it("sets up: a practice question per playground user, and a channel quiz in Slack", async () => {
    const s = await start();
    practice = [];
    for (let i = 0; i < PEOPLE; i++) {
      const reply = await playgroundAction(s, { a: "quiz_new" }, pgUser(i));
      const id = /"quiz":"([0-9a-f-]{36})"/.exec(reply)?.[1];
      expect(id).toBeDefined();
      practice.push(id as string);
    }
    const res = await signed(
      s,
      slashCommand("quiz now", fake.responseUrl("kill-now"), { channel: "C0KILL" }),
    );
    expect(res.status).toBe(200);
    const post = await fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0KILL",
    );
    const button = buttonsOf(post.args.blocks).find((b) => b.value.includes("quiz_answer"));
    buttonValue = button?.value ?? "";
    channelQuiz = JSON.parse(buttonValue).quiz as string;
    expect(channelQuiz).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it("is killed mid-burst; every answer acknowledged before is in the store after a restart", async () => {
    const s = servers[0] as RunningServer;
    let killed = false;
    const kill = () => {
      if (killed || acked.length < KILL_AFTER) return;
      killed = true;
      s.proc.kill("SIGKILL");
    };
    // Slack: acknowledged when the person sees the result through response_url.
    const ackedSlack = new Set<string>();
    const watch = setInterval(() => {
      for (const r of fake.responses) {
        if (!r.id.startsWith("kill-click-") || ackedSlack.has(r.id)) continue;
        if (!RECORDED.test(textOf(r.body.blocks))) continue;
        ackedSlack.add(r.id);
        acked.push({ quiz: channelQuiz, user: r.id.slice("kill-click-".length) });
      }
      kill();
    }, 2);

    const requests: Array<Promise<unknown>> = [];
    for (let i = 0; i < PEOPLE; i++) {
      const user = pgUser(i);
      const quiz = practice[i] as string;
      requests.push(
        playgroundAction(s, { a: "quiz_answer", quiz, choice: "shared" }, user).then((reply) => {
          if (RECORDED.test(reply)) acked.push({ quiz, user: `playground:${user}` });
          kill();
        }),
      );
      const click = blockActions(
        { value: buttonValue, actionId: "srm:0" },
        { type: "message", channel: "C0KILL", ts: "1700000300.000100", ephemeral: false },
        { user: slackUser(i), responseUrl: fake.responseUrl(`kill-click-${slackUser(i)}`) },
      );
      requests.push(signed(s, click).then((r) => r.arrayBuffer()));
    }
    // Requests cut off by the kill reject; that is the point.
    await Promise.allSettled(requests);
    const exit = await s.exited;
    clearInterval(watch);
    expect(exit.signal).toBe("SIGKILL");
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // The kill landed during the burst, not after it.
    expect(acked.length).toBeLessThan(2 * PEOPLE);

    const again = await start();
    expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    const db = new BetterSqlite(sqlitePath, { readonly: true, fileMustExist: true });
    try {
      const has = db.prepare("select 1 from quiz_answers where quiz_id = ? and user_id = ?").pluck();
      const missing = acked.filter((a) => has.get(a.quiz, a.user) !== 1);
      expect(missing).toEqual([]);
    } finally {
      db.close();
    }
    // The restarted server knows them too: answering again keeps the first answer.
    for (const a of acked.filter((x) => x.user.startsWith("playground:")).slice(0, 10)) {
      const browser = a.user.slice("playground:".length);
      const reply = await playgroundAction(again, { a: "quiz_answer", quiz: a.quiz, choice: "aws" }, browser);
      expect(reply).toMatch(/already answered/);
    }
  }, 60_000);
});
