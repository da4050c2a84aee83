// The daily quiz against a misbehaving Slack Web API, one scheduler tick at a time (fake clock): posted exactly
// once through transient faults; past the client's bound the failure is logged and the slot retried at the
// next tick; a channel the bot cannot post to pauses its subscription with a log line.
// The client keeps the default retry policy (src/slack/client.ts) with its delays scaled down: the real
// delays are exercised against the real server in slack-web-api.test.ts.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQuizService, type QuizRuntime } from "../../src/quiz/index.js";
import { createSlackClient, DEFAULT_CLIENT_OPTIONS } from "../../src/slack/client.js";
import { boltLogger } from "../../src/slack/logger.js";
import { createSlackNotifier } from "../../src/slack/notifier.js";
import { openStore } from "../../src/store/index.js";
import type { Store, Subscription } from "../../src/store/types.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { type CapturedLogger, captureLogger, kb } from "../teams/harness.js";
import { type FaultProxy, hang, startFaultProxy, status } from "./fault-proxy.js";

const TEAM = "T0TEAM";
let fake: FakeSlack;
let proxy: FaultProxy;
let store: Store;
let quiz: QuizRuntime;
let logs: CapturedLogger;
let now = new Date("2026-01-05T09:00:30Z");

const postIn =
  (channel: string) =>
  (r: { path: string; body: string }): boolean =>
    /chat\.postMessage$/.test(r.path) && new URLSearchParams(r.body).get("channel") === channel;
const postsTo = (channel: string) =>
  fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);

async function subscribe(channel: string): Promise<Subscription> {
  const sub: Subscription = {
    platform: "slack",
    workspace: TEAM,
    channel,
    time: "09:00",
    timezone: "UTC",
    days: "daily",
    createdBy: "U0ADMIN",
    paused: false,
    updatedAt: new Date("2026-01-04T00:00:00Z"),
  };
  await store.saveSubscription(sub);
  return sub;
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  proxy = await startFaultProxy(fake.url);
  logs = captureLogger();
  store = await openStore({ sqlitePath: ":memory:", logger: logs.logger });
  const retryConfig = { ...DEFAULT_CLIENT_OPTIONS.retryConfig, minTimeout: 20, maxTimeout: 100 };
  const client = createSlackClient(
    { botToken: "xoxb-ticks", apiUrl: `${proxy.url}/api/` },
    { retryConfig, timeout: 500, logger: boltLogger(logs.logger) },
  );
  quiz = createQuizService({
    store,
    kb,
    notifiers: [createSlackNotifier(client, logs.logger)],
    logger: logs.logger,
    clock: { now: () => now },
    seed: 3,
  });
});

afterAll(async () => {
  await quiz?.stop();
  await store?.close();
  await proxy?.close();
  await fake?.stop();
});

describe("daily quiz ticks against Slack faults", () => {
  it("posts once through 429 + Retry-After, 5xx and a call that never answers; the next tick posts nothing more", async () => {
    const sub = await subscribe("C0DAILY1");
    proxy.script(postIn("C0DAILY1"), [status(429, { "retry-after": "1" }), status(500), status(502), hang]);
    const first = await quiz.tick();
    expect(first.posted.map((p) => p.channel)).toEqual(["C0DAILY1"]);
    expect(first.failed).toEqual([]);
    expect(proxy.attemptsTo(postIn("C0DAILY1")).map((a) => a.outcome)).toEqual([
      429,
      500,
      502,
      "hung",
      "forwarded",
    ]);
    expect(postsTo("C0DAILY1")).toHaveLength(1);
    expect(await store.getSlot(sub, "2026-01-05")).toMatchObject({ status: "posted" });
    const ts = (postsTo("C0DAILY1")[0]?.result as { ts?: string } | undefined)?.ts;
    expect((await store.previousChannelQuiz(sub))?.messageRef).toBe(ts);

    now = new Date(now.getTime() + 60_000);
    const second = await quiz.tick();
    expect(second.posted).toEqual([]);
    expect(postsTo("C0DAILY1")).toHaveLength(1);
  });

  it("a 429 is waited out as its Retry-After says and the quiz re-sent exactly once", async () => {
    await subscribe("C0DAILY4");
    proxy.script(postIn("C0DAILY4"), [status(429, { "retry-after": "2" })]);
    const report = await quiz.tick();
    expect(report.posted.map((p) => p.channel)).toEqual(["C0DAILY4"]);
    const attempts = proxy.attemptsTo(postIn("C0DAILY4"));
    expect(attempts.map((a) => a.outcome)).toEqual([429, "forwarded"]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(postsTo("C0DAILY4")).toHaveLength(1);
  });

  it("past the client's bound: logged, nothing half-made kept, retried at the next tick and posted once", async () => {
    const sub = await subscribe("C0DAILY2");
    const stop = proxy.always(postIn("C0DAILY2"), status(500));
    const failedTick = await quiz.tick();
    expect(failedTick.failed).toEqual([
      expect.objectContaining({ channel: "C0DAILY2", slotDate: "2026-01-05", paused: false }),
    ]);
    // The first try and the five retries of the default policy.
    expect(proxy.attemptsTo(postIn("C0DAILY2"))).toHaveLength(6);
    const line = logs.lines.find(
      (l) => l.msg === "daily quiz post failed; will retry" && l.channel === "C0DAILY2",
    );
    expect(line?.level).toBe(50); // error
    expect(await store.getSlot(sub, "2026-01-05")).toBeNull(); // released for the next tick
    expect(await store.previousChannelQuiz(sub)).toBeNull(); // the unposted quiz was removed
    expect(postsTo("C0DAILY2")).toEqual([]);

    stop();
    now = new Date(now.getTime() + 60_000);
    const retried = await quiz.tick();
    expect(retried.posted.map((p) => p.channel)).toEqual(["C0DAILY2"]);
    expect(postsTo("C0DAILY2")).toHaveLength(1);
    expect(await store.getSlot(sub, "2026-01-05")).toMatchObject({ status: "posted" });

    now = new Date(now.getTime() + 60_000);
    await quiz.tick();
    expect(postsTo("C0DAILY2")).toHaveLength(1);
  });

  it("a channel the bot was removed from pauses its subscription with a log line instead of retrying", async () => {
    const sub = await subscribe("C0DAILY3");
    const stop = proxy.always(
      postIn("C0DAILY3"),
      status(200, {}, JSON.stringify({ ok: false, error: "not_in_channel" })),
    );
    try {
      const report = await quiz.tick();
      expect(report.failed).toEqual([expect.objectContaining({ channel: "C0DAILY3", paused: true })]);
      // A permanent error is not retried by the client either.
      expect(proxy.attemptsTo(postIn("C0DAILY3"))).toHaveLength(1);
      expect((await store.getSubscription(sub))?.paused).toBe(true);
      expect(
        logs.lines.some(
          (l) => l.msg === "daily quiz cannot be posted; subscription paused" && l.channel === "C0DAILY3",
        ),
      ).toBe(true);
      now = new Date(now.getTime() + 60_000);
      await quiz.tick();
      expect(proxy.attemptsTo(postIn("C0DAILY3"))).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
