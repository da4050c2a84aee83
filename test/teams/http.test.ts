// The Teams endpoint over real HTTP: activities shaped like Teams' own, posted to /api/messages, with the
// bot's replies landing on a local fake Bot Connector.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { QUIZ_UNAVAILABLE } from "../../src/conversation/respond.js";
import { isPermanentPostError } from "../../src/quiz/errors.js";
import { FRIENDLY_ERROR, TEAMS_TIP } from "../../src/teams/index.js";
import { cardProblems } from "./adaptive-check.js";
import type { SentActivity } from "./fake-connector.js";
import {
  type BotServer,
  CONVERSATIONS,
  cardActions,
  cardsOf,
  cardTexts,
  startBot,
  TENANT,
  teamsExecute,
  teamsInstall,
  teamsMessage,
  teamsSubmit,
  USER,
} from "./harness.js";
import { DAILY, PRACTICE, REVEAL, StubQuiz } from "./stub-quiz.js";

const channelKey = (channel: string) => ({ platform: "teams" as const, workspace: TENANT, channel });

describe("Teams endpoint (unauthenticated, as for the Emulator)", () => {
  let bot: BotServer;
  let quiz: StubQuiz;
  const target = () => ({ botId: bot.botId, serviceUrl: bot.connector.url });

  beforeAll(async () => {
    quiz = new StubQuiz();
    bot = await startBot({ quiz });
    quiz.notifier = bot.mount.notifier;
  });
  afterAll(async () => {
    await bot.close();
  });
  afterEach(() => {
    const cards = cardsOf(bot.connector.sent);
    bot.connector.clear();
    quiz.calls = [];
    // Every card the bot sent in any test must parse cleanly with Microsoft's library at version 1.5.
    for (const card of cards) expect(cardProblems(card)).toEqual([]);
  });

  async function say(scope: "channel" | "personal" | "groupChat", text: string) {
    const activity = teamsMessage(target(), scope, text);
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    return { activity, sent: [...bot.connector.sent] };
  }

  it("warns in the log that it runs without authentication", () => {
    const warning = bot.logs.lines.find((l) => l.level === 40 && /UNAUTHENTICATED/.test(String(l.msg)));
    expect(warning).toBeDefined();
  });

  it("answers a channel @mention in the message's thread, with the owner at a glance", async () => {
    const { activity, sent } = await say("channel", "who handles RDS patching?");
    expect(sent).toHaveLength(1);
    const [reply] = sent as [SentActivity];
    expect(reply.op).toBe("reply");
    expect(reply.conversationId).toBe((activity.conversation as { id: string }).id);
    expect(reply.conversationId).toContain(";messageid=");
    expect(reply.activityId).toBe(activity.id);
    expect(reply.activity.summary).toMatch(/^AWS owns this/);
    const [card] = cardsOf(sent);
    const texts = cardTexts(card);
    expect(texts[0]).toBe("🟧 **AWS owns this**");
    expect(texts.join("\n")).toMatch(/RDS/);
    expect(texts).toContain("What you still own");
    expect(
      texts.some((t) =>
        /^Source: \[.+\]\(https:\/\/[a-z.]*aws\.amazon\.com\/.+\) · Last reviewed \d{4}-\d\d-\d\d$/.test(t),
      ),
    ).toBe(true);
    const feedback = cardActions(card).filter((a) => a.data.a === "feedback");
    expect(feedback.map((a) => a.data.helpful)).toEqual([true, false]);
    expect(card?.fallbackText).toMatch(/^\[AWS\]/);
  });

  it("saves the channel's conversation reference (not the thread's) for proactive posts", async () => {
    await say("channel", "who patches the hypervisor?");
    const ref = (await bot.store.getConversationRef(channelKey(CONVERSATIONS.channel))) as {
      conversation: { id: string; tenantId: string };
      serviceUrl: string;
      activityId?: string;
    };
    expect(ref.conversation.id).toBe(CONVERSATIONS.channel);
    expect(ref.conversation.tenantId).toBe(TENANT);
    expect(ref.serviceUrl).toBe(bot.connector.url);
    expect(ref.activityId).toBeUndefined();
  });

  it("answers in a personal chat without a mention, and shows help there", async () => {
    const { sent } = await say("personal", "help");
    const [card] = cardsOf(sent);
    const texts = cardTexts(card);
    expect(texts).toContain(TEAMS_TIP);
    expect(texts).toContain("Commands");
    expect(texts.join("\n")).toMatch(/quiz/);
    // Help is not rated, on Teams as on Slack.
    expect(cardActions(card).map((a) => a.data.a)).toEqual(["ask", "ask", "ask", "ask", "ask"]);
    expect(await bot.store.getConversationRef(channelKey(CONVERSATIONS.personal))).not.toBeNull();
  });

  it("answers an @mention in a group chat", async () => {
    const { sent } = await say("groupChat", "what am I responsible for with Lambda?");
    expect(cardTexts(cardsOf(sent)[0]).join("\n")).toMatch(/Lambda/);
    expect(sent[0]?.conversationId).toBe(CONVERSATIONS.groupChat);
  });

  it.each([
    ["help", /Commands/],
    ["service lambda", /Lambda/],
    ["model serverless", /[Ss]erverless/],
    ["compare patching ec2 rds lambda", /across services/],
    ["what are the shared controls", /[Pp]atch management/],
    ["what is the weather in Paris", /outside what I know/],
  ])("command or question %j gets a card", async (text, expected) => {
    const { sent } = await say("channel", text);
    expect(sent).toHaveLength(1);
    expect(cardTexts(cardsOf(sent)[0]).join("\n")).toMatch(expected);
  });

  it("quiz: a practice question with private Action.Execute answer buttons", async () => {
    const { sent } = await say("channel", "quiz");
    const [card] = cardsOf(sent);
    expect(cardTexts(card).join("\n")).toContain(PRACTICE.prompt);
    const buttons = cardActions(card);
    expect(buttons.map((b) => [b.type, b.data.choice])).toEqual([
      ["Action.Execute", "aws"],
      ["Action.Execute", "customer"],
      ["Action.Execute", "shared"],
    ]);
    expect(quiz.calls[0]).toMatchObject({
      method: "practice",
      channel: channelKey(CONVERSATIONS.channel),
      actor: { user: USER.aadObjectId, userName: USER.name, isAdmin: false, timezone: "Europe/Berlin" },
    });
  });

  it("a quiz answer comes back in the invoke response only (nothing is posted to the channel)", async () => {
    const res = await bot.post(
      teamsExecute(target(), "channel", { a: "quiz_answer", quiz: PRACTICE.quizId, choice: "aws" }, "msg-1"),
    );
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardProblems(body.value)).toEqual([]);
    const texts = cardTexts(body.value).join("\n");
    expect(texts).toContain("✅ Correct: 🟧 AWS");
    expect(texts).toContain("+10 points");
    expect(bot.connector.sent).toEqual([]);
    expect(quiz.calls).toEqual([
      expect.objectContaining({
        method: "answer",
        args: [PRACTICE.quizId, "aws"],
        actor: expect.objectContaining({ user: USER.aadObjectId }),
      }),
    ]);
  });

  it("a forged or stale Action.Execute gets a 400 invoke response, not an error", async () => {
    const res = await bot.post(
      teamsExecute(target(), "channel", { a: "quiz_answer", quiz: "", choice: "nobody" }, "msg-1"),
    );
    // The SDK mirrors the Universal Action's statusCode in the HTTP status.
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
    expect(quiz.calls).toEqual([]);
  });

  it("quiz daily / stop / status go to the quiz service with the channel and the asker", async () => {
    for (const text of ["quiz daily 09:30 weekdays", "quiz status", "quiz stop"]) {
      const { sent } = await say("channel", text);
      expect(cardTexts(cardsOf(sent)[0]).length).toBeGreaterThan(0);
      bot.connector.clear();
    }
    expect(quiz.calls.map((c) => c.method)).toEqual(["subscribe", "status", "unsubscribe"]);
    expect(quiz.calls[0]?.args).toEqual(["09:30", "weekdays"]);
  });

  it("quiz now posts proactively to the channel; quiz reveal posts into the quiz's thread", async () => {
    await say("channel", "who patches the hypervisor?"); // makes sure the reference exists
    bot.connector.clear();
    await say("channel", "quiz now");
    const post = bot.connector.sent.find((s) => s.op === "send");
    expect(post?.conversationId).toBe(CONVERSATIONS.channel);
    expect(cardTexts(cardsOf([post as SentActivity])[0]).join("\n")).toContain("Daily quiz · 2026-03-02");
    const ack = bot.connector.sent.find((s) => s.op === "reply");
    expect(cardTexts(cardsOf([ack as SentActivity])[0]).join(" ")).toMatch(/Posted a quiz question/);
    bot.connector.clear();

    await say("channel", "quiz reveal");
    const reveal = bot.connector.sent.find((s) => cardTexts(cardsOf([s])[0]).includes("📣 Quiz answer"));
    expect(reveal?.conversationId).toBe(`${CONVERSATIONS.channel};messageid=${REVEAL.messageRef}`);
    expect(REVEAL.messageRef).toMatch(/^msg-/);
    expect(DAILY.mode).toBe("daily");
  });

  it("leaderboard shows players' names as inert text", async () => {
    const { sent } = await say("channel", "leaderboard week");
    const card = cardsOf(sent)[0];
    expect(quiz.calls[0]).toMatchObject({ method: "leaderboard", args: ["week"] });
    const json = JSON.stringify(card);
    expect(json).not.toContain("<at>");
    expect(json).not.toContain("https://evil");
    expect(cardTexts(card).filter((t) => t.includes("Click me"))).toHaveLength(1);
  });

  it("a related-question button (Action.Submit) asks that question", async () => {
    const res = await bot.post(
      teamsSubmit(target(), "channel", { a: "ask", q: "who patches the hypervisor?" }, "msg-7"),
    );
    expect(res.status).toBe(200);
    const [reply] = bot.connector.sent;
    expect(reply?.op).toBe("reply");
    expect(cardTexts(cardsOf(bot.connector.sent)[0])[0]).toBe("🟧 **AWS owns this**");
  });

  it("helpful / not helpful is recorded and the card is updated in place without its buttons", async () => {
    const { sent } = await say("channel", "who handles RDS patching?");
    const feedback = cardActions(cardsOf(sent)[0]).find(
      (a) => a.data.a === "feedback" && a.data.helpful === false,
    );
    bot.connector.clear();
    const res = await bot.post(teamsSubmit(target(), "channel", feedback?.data, "msg-42"));
    expect(res.status).toBe(200);
    expect(bot.connector.sent).toHaveLength(1);
    const [update] = bot.connector.sent as [SentActivity];
    expect(update.op).toBe("update");
    expect(update.activityId).toBe("msg-42");
    const card = cardsOf([update])[0];
    expect(cardTexts(card).join("\n")).toMatch(/Marked not helpful/);
    expect(cardActions(card).some((a) => a.data.a === "feedback")).toBe(false);
    const unhelpful = await bot.store.topUnhelpful("teams", 10);
    expect(unhelpful).toEqual([expect.objectContaining({ target: feedback?.data.target, count: 1 })]);
  });

  it("when Teams refuses the update, a short thank-you is sent instead", async () => {
    bot.connector.failNext(400, "update");
    await bot.post(
      teamsSubmit(target(), "personal", { a: "feedback", target: "help", q: "help", helpful: true }, "msg-9"),
    );
    expect(bot.connector.sent.map((s) => s.op)).toEqual(["reply"]);
    expect(cardTexts(cardsOf(bot.connector.sent)[0])).toEqual(["Thanks for the feedback!"]);
  });

  it.each([
    ["not JSON", "{not json"],
    ["an unknown action", { a: "delete_everything" }],
    [
      "a feedback target that is no entry",
      { a: "feedback", target: "../../etc/passwd", q: "x", helpful: false },
    ],
  ])("a forged button value (%s) gets a short notice and changes nothing", async (_name, value) => {
    const res = await bot.post(teamsSubmit(target(), "channel", value, "msg-1"));
    expect(res.status).toBe(200);
    expect(cardTexts(cardsOf(bot.connector.sent)[0]).join(" ")).toMatch(
      /doesn't work any more|couldn't record/,
    );
    expect(await bot.store.topUnhelpful("teams", 10)).not.toContainEqual(
      expect.objectContaining({ target: "../../etc/passwd" }),
    );
  });

  it("echoed user text cannot inject links, mentions or markdown into the card", async () => {
    const { sent } = await say("personal", "[click here](https://evil.example/x) **now** <at>Boss</at> zzqx");
    const card = cardsOf(sent)[0];
    const blocks: string[] = [];
    JSON.stringify(card, (_key, v) => {
      if (v && typeof v === "object" && (v as { type?: string }).type === "TextBlock")
        blocks.push((v as { text: string }).text);
      return v;
    });
    expect(blocks.join("\n")).not.toMatch(/evil|click here|Boss/);
    const echoed = cardTexts(card).find((t) => t.includes("click here"));
    expect(echoed).toBeDefined();
    expect(echoed).not.toMatch(/https?:\/\//);
    expect(echoed).not.toMatch(/evil\.example/);
    expect(JSON.stringify(card)).not.toContain("<at>");
  });

  it("greets with a welcome card when installed in a team, and saves the reference", async () => {
    const res = await bot.post(teamsInstall(target(), "channel"));
    expect(res.status).toBe(200);
    const [card] = cardsOf(bot.connector.sent);
    expect(cardTexts(card)[0]).toBe("👋 Hi, I'm srm-bot");
    expect(cardActions(card).length).toBeGreaterThan(0);
    expect(bot.connector.sent[0]?.conversationId).toBe(CONVERSATIONS.channel);
    expect(await bot.store.getConversationRef(channelKey(CONVERSATIONS.channel))).not.toBeNull();
  });

  it("greets when installed for one person too, but not when a person joins a team", async () => {
    await bot.post(teamsInstall(target(), "personal"));
    expect(cardsOf(bot.connector.sent)).toHaveLength(1);
    bot.connector.clear();
    await bot.post(teamsInstall(target(), "channel", [{ id: "29:someone-else", aadObjectId: "x" }]));
    expect(bot.connector.sent).toEqual([]);
  });

  it("a failing turn gives the user a short friendly message and logs the context, never a stack", async () => {
    const practice = quiz.practice;
    quiz.practice = async () => {
      throw new Error("database is on fire");
    };
    try {
      const { sent } = await say("channel", "quiz");
      expect(sent.map((s) => s.activity.text)).toEqual([FRIENDLY_ERROR]);
      expect(JSON.stringify(sent)).not.toMatch(/on fire|at .*\.ts/);
      const log = bot.logs.lines.find((l) => l.msg === "Teams turn failed");
      expect(log).toMatchObject({
        level: 50,
        err: { message: "database is on fire" },
        activity: { type: "message", conversationType: "channel", tenantId: TENANT },
      });
    } finally {
      quiz.practice = practice;
    }
  });

  it.each([
    ["a body that is not JSON", "{oops", 400],
    ["a JSON array", "[1,2]", 400],
    ["an object without a type", '{"text":"hi"}', 400],
  ])("rejects %s with a clear 4xx, no stack trace", async (_name, body, status) => {
    const res = await bot.postRaw(body, { "content-type": "application/json" });
    expect(res.status).toBe(status);
    expect(res.text).not.toMatch(/at .*\.(js|ts)|Error:/);
    expect(bot.connector.sent).toEqual([]);
  });

  it("the Teams notifier refuses channels it never saw, and pauses on a removed bot but retries on outages", async () => {
    const unknown = channelKey("19:never-seen@thread.tacv2");
    const err1 = await bot.mount.notifier.postQuiz(unknown, DAILY).catch((e: unknown) => e);
    expect(isPermanentPostError(err1)).toBe(true);

    await say("personal", "hi");
    const personal = channelKey(CONVERSATIONS.personal);
    bot.connector.clear();
    bot.connector.failNext(403);
    const err2 = await bot.mount.notifier.postQuiz(personal, DAILY).catch((e: unknown) => e);
    expect(isPermanentPostError(err2)).toBe(true);
    // 5xx are retried inside the SDK's HTTP client; a refusal that is not about access stays retryable.
    bot.connector.failNext(400);
    const err3 = await bot.mount.notifier.postQuiz(personal, DAILY).catch((e: unknown) => e);
    expect(err3).toBeInstanceOf(Error);
    expect(isPermanentPostError(err3)).toBe(false);

    const ok = await bot.mount.notifier.postQuiz(personal, DAILY);
    expect(ok.messageRef).toMatch(/^msg-/);
    // Chats have no threads: the reveal follows in the chat itself.
    await bot.mount.notifier.postReveal(personal, { ...REVEAL, messageRef: ok.messageRef });
    expect(bot.connector.sent.map((s) => [s.op, s.conversationId])).toEqual([
      ["send", CONVERSATIONS.personal],
      ["send", CONVERSATIONS.personal],
    ]);
  });
});

describe("Teams endpoint without the quiz wired", () => {
  let bot: BotServer;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it.each(["quiz", "leaderboard", "quiz daily 09:00"])("%j says the quiz is not available", async (text) => {
    bot.connector.clear();
    await bot.post(teamsMessage({ botId: bot.botId, serviceUrl: bot.connector.url }, "channel", text));
    expect(cardTexts(cardsOf(bot.connector.sent)[0])).toEqual([`⚠️ ${QUIZ_UNAVAILABLE}`]);
  });
});
