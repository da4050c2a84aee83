// Slack's Web API misbehaving under the real server (dist/src/index.js, default client settings): rate limits
// with Retry-After, 5xx, calls that never answer. Every answer and quiz post is delivered exactly once within
// a bounded time, or the failure is logged and the person told — never lost silently, never posted twice.

import { join } from "node:path";
import BetterSqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../server/run-server.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { appMention, envelope, postSigned, slashCommand } from "../slack/payloads.js";
import { type FaultProxy, hang, startFaultProxy, status } from "./fault-proxy.js";

const SECRET = "faults-signing-secret-0123456789";
const POST = /\/api\/chat\.postMessage$/;
/** Worst case of the default client (5 retries, 5 s timeout, back-off ≤ 4 s) plus a rate-limit wait. */
const BOUND_MS = 50_000;

let fake: FakeSlack;
let proxy: FaultProxy;
let s: RunningServer;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  proxy = await startFaultProxy(fake.url);
  s = await startServer({
    SLACK_BOT_TOKEN: "xoxb-faults-0000",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${proxy.url}/api/`,
  });
});

afterAll(async () => {
  await s?.stop();
  await proxy?.close();
  await fake?.stop();
});

async function signedPost(body: string, contentType: string): Promise<number> {
  const res = await postSigned(s.url, SECRET, body, contentType);
  await res.arrayBuffer();
  return res.status;
}

const mention = (channel: string, text: string) =>
  signedPost(JSON.stringify(envelope(appMention(`<@U0BOT> ${text}`, { channel }))), "application/json");

const command = (text: string, responseUrl: string, channel: string) =>
  signedPost(slashCommand(text, responseUrl, { channel }), "application/x-www-form-urlencoded");

const postsTo = (channel: string) =>
  fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);

/** chat.postMessage calls for one channel (form bodies carry `channel=C…`): the cases run side by side. */
const postIn =
  (channel: string) =>
  (r: { path: string; body: string }): boolean =>
    POST.test(r.path) && new URLSearchParams(r.body).get("channel") === channel;

/** What the proxy did with chat.postMessage calls for a channel: its answers in order, and when. */
function postAttempts(channel: string) {
  const list = proxy.attemptsTo(postIn(channel));
  return { outcomes: list.map((a) => a.outcome), at: list.map((a) => a.at) };
}

// Each case has its own channel and scripts faults for that channel only, so they run concurrently.
describe.concurrent("Slack Web API faults, real server with its default client settings", () => {
  it("a mention's answer rides out 429 + Retry-After, two 500s and a call that never answers: posted once", async () => {
    proxy.script(postIn("C0FAULT1"), [status(429, { "retry-after": "1" }), status(500), status(500), hang]);
    const t0 = Date.now();
    expect(await mention("C0FAULT1", "who patches the hypervisor?")).toBe(200);
    const call = await fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0FAULT1",
      BOUND_MS,
    );
    expect(Date.now() - t0).toBeLessThan(BOUND_MS);
    expect(String(call.args.text)).toMatch(/AWS/);

    const { outcomes, at } = postAttempts("C0FAULT1");
    expect(outcomes).toEqual([429, 500, 500, "hung", "forwarded"]);
    const gap = (i: number) => (at[i + 1] as number) - (at[i] as number);
    expect(gap(0)).toBeGreaterThanOrEqual(1000); // Retry-After: 1 was honoured
    expect(gap(1)).toBeGreaterThanOrEqual(500); // back-off between the 5xx
    expect(gap(3)).toBeGreaterThanOrEqual(5000); // the hung call was given up after the 5 s timeout
    expect(postsTo("C0FAULT1")).toHaveLength(1);
    expect(fake.callsOf("chat.postEphemeral").filter((c) => c.args.channel === "C0FAULT1")).toEqual([]);
  }, 60_000);

  it("an answer that cannot be posted within the bound: the failure is logged and the person told, once", async () => {
    const stop = proxy.always(postIn("C0FAULT2"), status(500));
    try {
      const t0 = Date.now();
      expect(await mention("C0FAULT2", "who handles rds patching?")).toBe(200);
      const told = await fake.waitForCall(
        (c) => c.method === "chat.postEphemeral" && c.args.channel === "C0FAULT2",
        BOUND_MS,
      );
      expect(Date.now() - t0).toBeLessThan(BOUND_MS);
      expect(String(told.args.text)).toMatch(/try again/i);
      const logged = await s.waitForLog(
        (l) => l.msg === "could not post a Slack reply" && l.channel === "C0FAULT2",
      );
      expect(logged.level).toBe("error");
      // Six attempts (the first and five retries), then no more.
      expect(postAttempts("C0FAULT2").outcomes).toEqual([500, 500, 500, 500, 500, 500]);
      expect(postsTo("C0FAULT2")).toEqual([]);
      expect(fake.callsOf("chat.postEphemeral").filter((c) => c.args.channel === "C0FAULT2")).toHaveLength(1);
    } finally {
      stop();
    }
  }, 60_000);

  it("a slash command whose response_url fails is answered once through chat.postEphemeral", async () => {
    proxy.script(/\/response\/cmd-fault-1$/, [status(500)]);
    expect(await command("who patches rds?", `${proxy.url}/response/cmd-fault-1`, "C0FAULT3")).toBe(200);
    const call = await fake.waitForCall(
      (c) => c.method === "chat.postEphemeral" && c.args.channel === "C0FAULT3",
      BOUND_MS,
    );
    expect(String(call.args.text)).toMatch(/RDS|AWS|customer/i);
    expect(fake.responsesTo("cmd-fault-1")).toEqual([]);
    expect(proxy.attemptsTo(/\/response\/cmd-fault-1$/)).toHaveLength(1);
    await s.waitForLog((l) => l.msg === "could not answer through response_url");
    expect(fake.callsOf("chat.postEphemeral").filter((c) => c.args.channel === "C0FAULT3")).toHaveLength(1);
  });

  it("`quiz now` posts the channel quiz once through 429, 500s and a hung call; its message ref is kept", async () => {
    proxy.script(postIn("C0QUIZ1"), [status(429, { "retry-after": "1" }), status(503), status(500), hang]);
    expect(await command("quiz now", fake.responseUrl("quiz-now-1"), "C0QUIZ1")).toBe(200);
    const done = await fake.waitForResponse((r) => r.id === "quiz-now-1", BOUND_MS);
    expect(JSON.stringify(done.body)).toMatch(/Posted a quiz question here/);
    expect(postAttempts("C0QUIZ1").outcomes).toEqual([429, 503, 500, "hung", "forwarded"]);
    const posts = postsTo("C0QUIZ1");
    expect(posts).toHaveLength(1);
    const ts = (posts[0]?.result as { ts?: string } | undefined)?.ts;

    const db = new BetterSqlite(join(s.dir, ".data", "srm-bot.db"), { readonly: true });
    try {
      const rows = db
        .prepare("select message_ref from quizzes where channel = 'C0QUIZ1' and mode = 'daily'")
        .all() as Array<{ message_ref: string | null }>;
      expect(rows).toEqual([{ message_ref: ts }]);
    } finally {
      db.close();
    }
  }, 60_000);

  it("`quiz now` that cannot be posted: the person is told, the error logged, no half-made quiz kept", async () => {
    const stop = proxy.always(postIn("C0QUIZ2"), status(500));
    try {
      expect(await command("quiz now", fake.responseUrl("quiz-now-2"), "C0QUIZ2")).toBe(200);
      const told = await fake.waitForResponse((r) => r.id === "quiz-now-2", BOUND_MS);
      expect(JSON.stringify(told.body)).toMatch(/try again/i);
      await s.waitForLog((l) => l.msg === "could not post the quiz to Slack" && l.channel === "C0QUIZ2");
      expect(postsTo("C0QUIZ2")).toEqual([]);
      const db = new BetterSqlite(join(s.dir, ".data", "srm-bot.db"), { readonly: true });
      try {
        expect(db.prepare("select count(*) from quizzes where channel = 'C0QUIZ2'").pluck().get()).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      stop();
    }
  }, 60_000);
});

describe("after the faults", () => {
  it("nothing above produced a 500 or an unhandled error", () => {
    const bad = s.logs().filter((l) => l.status === 500 || /unhandled|uncaught/i.test(l.msg));
    expect(bad).toEqual([]);
  });
});
