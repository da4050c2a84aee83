// The Bot Connector misbehaving: 429 with Retry-After and 5xx are retried by the SDK's HTTP pipeline and the
// reply or quiz is delivered once; past its retries a quiz post is logged and retried at the next tick; a 403
// (the bot was removed from the team or chat) pauses the channel's daily quiz with a log line.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQuizService, type QuizRuntime } from "../../src/quiz/index.js";
import type { Subscription } from "../../src/store/types.js";
import {
  type BotServer,
  CONVERSATIONS,
  kb,
  type Scope,
  startBot,
  TENANT,
  teamsMessage,
} from "../teams/harness.js";
import { type FaultProxy, startFaultProxy, status } from "./fault-proxy.js";

let bot: BotServer;
let proxy: FaultProxy;
let quiz: QuizRuntime | undefined;
let now = new Date("2026-01-05T09:00:30Z");

/** Outgoing calls to one conversation (its id is in the path, URL-encoded). */
const toConversation =
  (conversationId: string) =>
  (r: { path: string }): boolean =>
    decodeURIComponent(r.path).startsWith(`/v3/conversations/${conversationId}`);
const sentTo = (conversationId: string) =>
  bot.connector.sent.filter((s) => s.conversationId.startsWith(conversationId));

beforeAll(async () => {
  bot = await startBot({
    quiz: ({ store, notifier, logger }) => {
      quiz = createQuizService({
        store,
        kb,
        notifiers: [notifier],
        logger,
        clock: { now: () => now },
        seed: 5,
      });
      return quiz;
    },
  });
  proxy = await startFaultProxy(bot.connector.url);
});

afterAll(async () => {
  await quiz?.stop();
  await proxy?.close();
  await bot?.close();
});

async function say(scope: Scope, text: string) {
  return bot.post(teamsMessage({ botId: bot.botId, serviceUrl: proxy.url }, scope, text));
}

async function subscribe(channel: string): Promise<Subscription> {
  const sub: Subscription = {
    platform: "teams",
    workspace: TENANT,
    channel,
    time: "09:00",
    timezone: "UTC",
    days: "daily",
    createdBy: "someone",
    paused: false,
    updatedAt: new Date("2026-01-04T00:00:00Z"),
  };
  await bot.store.saveSubscription(sub);
  return sub;
}

const nextMinute = () => {
  now = new Date(now.getTime() + 60_000);
};

describe("Teams Bot Connector faults", () => {
  it("a reply rides out 429 + Retry-After, 503 and 500: sent once", async () => {
    const personal = toConversation(CONVERSATIONS.personal);
    proxy.script(personal, [status(429, { "retry-after": "1" }), status(503), status(500)]);
    const before = sentTo(CONVERSATIONS.personal).length;
    const res = await say("personal", "who patches the guest operating system on ec2?");
    expect(res.status).toBe(200);
    const outcomes = proxy.attemptsTo(personal).map((a) => a.outcome);
    expect(outcomes).toEqual([429, 503, 500, "forwarded"]);
    const at = proxy.attemptsTo(personal).map((a) => a.at);
    expect((at[1] as number) - (at[0] as number)).toBeGreaterThanOrEqual(1000); // Retry-After honoured
    expect(sentTo(CONVERSATIONS.personal).length - before).toBe(1);
  }, 30_000);

  it("a reply that still fails after the SDK's retries: the turn's failure is logged, nothing half-sent", async () => {
    const group = toConversation(CONVERSATIONS.groupChat);
    const stop = proxy.always(group, status(502));
    try {
      const res = await say("groupChat", "who patches rds?");
      expect(res.status).toBeLessThan(500);
      expect(bot.logs.lines.some((l) => l.msg === "Teams turn failed" && l.level === 50)).toBe(true);
      // The first try and three retries for the answer, then the same for the apology.
      expect(proxy.attemptsTo(group).length).toBe(8);
      expect(sentTo(CONVERSATIONS.groupChat)).toEqual([]);
    } finally {
      stop();
    }
  }, 60_000);

  it("the daily quiz is posted once through 429 + Retry-After and 503", async () => {
    expect((await say("channel", "hello")).status).toBe(200); // saves the conversation reference
    const sub = await subscribe(CONVERSATIONS.channel);
    const channel = toConversation(CONVERSATIONS.channel);
    const before = sentTo(CONVERSATIONS.channel).length;
    const from = proxy.attemptsTo(channel).length;
    proxy.script(channel, [status(429, { "retry-after": "1" }), status(503)]);
    const report = await quiz?.tick();
    expect(report?.posted.map((p) => p.channel)).toEqual([CONVERSATIONS.channel]);
    expect(
      proxy
        .attemptsTo(channel)
        .slice(from)
        .map((a) => a.outcome),
    ).toEqual([429, 503, "forwarded"]);
    expect(sentTo(CONVERSATIONS.channel).length - before).toBe(1);
    expect(await bot.store.getSlot(sub, "2026-01-05")).toMatchObject({ status: "posted" });
    nextMinute();
    await quiz?.tick();
    expect(sentTo(CONVERSATIONS.channel).length - before).toBe(1);
    await bot.store.deleteSubscription(sub);
  }, 30_000);

  it("past the SDK's retries the quiz post is logged and retried at the next tick, then posted once", async () => {
    expect((await say("personal", "hi")).status).toBe(200);
    const sub = await subscribe(CONVERSATIONS.personal);
    const personal = toConversation(CONVERSATIONS.personal);
    const before = sentTo(CONVERSATIONS.personal).length;
    const stop = proxy.always(personal, status(500));
    const failed = await quiz?.tick();
    stop();
    expect(failed?.failed).toEqual([
      expect.objectContaining({ channel: CONVERSATIONS.personal, paused: false }),
    ]);
    expect(
      bot.logs.lines.some(
        (l) => l.msg === "daily quiz post failed; will retry" && l.channel === CONVERSATIONS.personal,
      ),
    ).toBe(true);
    expect(await bot.store.getSlot(sub, "2026-01-05")).toBeNull();
    expect(sentTo(CONVERSATIONS.personal).length).toBe(before);

    nextMinute();
    const retried = await quiz?.tick();
    expect(retried?.posted.map((p) => p.channel)).toEqual([CONVERSATIONS.personal]);
    expect(sentTo(CONVERSATIONS.personal).length - before).toBe(1);
    nextMinute();
    await quiz?.tick();
    expect(sentTo(CONVERSATIONS.personal).length - before).toBe(1);
    await bot.store.deleteSubscription(sub);
  }, 60_000);

  it("403 (the bot was removed): the subscription is paused with a log line and not retried", async () => {
    expect((await say("groupChat", "hi")).status).toBe(200);
    const sub = await subscribe(CONVERSATIONS.groupChat);
    const group = toConversation(CONVERSATIONS.groupChat);
    const from = proxy.attemptsTo(group).length;
    const stop = proxy.always(group, status(403));
    try {
      const report = await quiz?.tick();
      expect(report?.failed).toEqual([
        expect.objectContaining({ channel: CONVERSATIONS.groupChat, paused: true }),
      ]);
      expect(proxy.attemptsTo(group).length - from).toBe(1); // a 403 is not retried
      expect((await bot.store.getSubscription(sub))?.paused).toBe(true);
      expect(
        bot.logs.lines.some(
          (l) =>
            l.msg === "daily quiz cannot be posted; subscription paused" &&
            l.channel === CONVERSATIONS.groupChat,
        ),
      ).toBe(true);
      nextMinute();
      await quiz?.tick();
      expect(proxy.attemptsTo(group).length - from).toBe(1);
    } finally {
      stop();
    }
  });
});
