// The quiz in Teams with the real quiz service and store: practice questions answered privately, the
// channel quiz posted proactively and revealed in its thread, the leaderboard, and the daily subscription.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createQuizService } from "../../src/quiz/index.js";
import { cardProblems } from "./adaptive-check.js";
import type { SentActivity } from "./fake-connector.js";
import {
  type BotServer,
  CONVERSATIONS,
  cardActions,
  cardsOf,
  cardTexts,
  kb,
  startBot,
  teamsExecute,
  teamsMessage,
} from "./harness.js";

describe("Teams quiz with the real quiz service", () => {
  let bot: BotServer;
  const target = () => ({ botId: bot.botId, serviceUrl: bot.connector.url });

  beforeAll(async () => {
    bot = await startBot({
      quiz: ({ store, notifier, logger }) =>
        createQuizService({ store, kb, notifiers: [notifier], logger, seed: 7 }),
    });
  });
  afterAll(async () => {
    await bot.close();
  });
  afterEach(() => {
    const cards = cardsOf(bot.connector.sent);
    bot.connector.clear();
    for (const card of cards) expect(cardProblems(card)).toEqual([]);
  });

  async function say(text: string, scope: "channel" | "personal" = "channel"): Promise<SentActivity[]> {
    const res = await bot.post(teamsMessage(target(), scope, text));
    expect(res.status).toBe(200);
    return [...bot.connector.sent];
  }

  async function press(data: Record<string, unknown>, scope: "channel" | "personal" = "channel") {
    const res = await bot.post(teamsExecute(target(), scope, data, "msg-1"));
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardProblems(body.value)).toEqual([]);
    return cardTexts(body.value).join("\n");
  }

  it("a practice question is answered once, privately, and counts on the leaderboard", async () => {
    const [sent] = await say("quiz");
    const buttons = cardActions(cardsOf([sent as SentActivity])[0]);
    expect(buttons.map((b) => b.type)).toEqual(["Action.Execute", "Action.Execute", "Action.Execute"]);
    bot.connector.clear();

    const first = await press(buttons[0]?.data ?? {});
    expect(first).toMatch(/Correct|Not quite/);
    expect(bot.connector.sent).toEqual([]); // nothing public
    const again = await press(buttons[1]?.data ?? {});
    expect(again).toMatch(/already answered/);

    const board = cardTexts(cardsOf(await say("leaderboard"))[0]).join("\n");
    expect(board).toMatch(/Leaderboard/);
  });

  it("quiz now posts to the channel; answers are private; quiz reveal answers in the quiz's thread", async () => {
    await say("quiz now");
    const post = bot.connector.sent.find((s) => s.op === "send");
    expect(post?.conversationId).toBe(CONVERSATIONS.channel);
    const card = cardsOf([post as SentActivity])[0];
    expect(cardTexts(card)[0]).toMatch(/Daily quiz/);
    bot.connector.clear();

    const buttons = cardActions(card);
    expect(await press(buttons[2]?.data ?? {})).toMatch(/Correct|Not quite/);
    expect(bot.connector.sent).toEqual([]);

    await say("quiz reveal");
    const reveal = bot.connector.sent.find((s) => cardTexts(cardsOf([s])[0]).includes("📣 Quiz answer"));
    expect(reveal?.op).toBe("send");
    expect(reveal?.conversationId).toMatch(
      new RegExp(`^${CONVERSATIONS.channel.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")};messageid=msg-\\d+$`),
    );
    expect(cardTexts(cardsOf([reveal as SentActivity])[0]).join("\n")).toMatch(/1 answered/);
    const ack = bot.connector.sent.find((s) => s.op === "reply");
    expect(cardTexts(cardsOf([ack as SentActivity])[0]).join(" ")).toMatch(/^Revealed: the answer was/);

    // The revealed question is closed to late answers.
    expect(await press(buttons[0]?.data ?? {})).toMatch(/closed/);
  });

  it("a 429 from the connector is waited out as Retry-After says and the quiz sent once more", async () => {
    bot.connector.failNext(429, "send", 1);
    const refusedBefore = bot.connector.refused;
    const started = Date.now();
    const sent = await say("quiz now");
    expect(bot.connector.refused).toBe(refusedBefore + 1);
    const posts = sent.filter((s) => s.op === "send");
    expect(posts).toHaveLength(1);
    expect(cardTexts(cardsOf(posts)[0]).join("\n")).toMatch(/Who owns this\?|quiz/i);
    // The re-send came no sooner than Retry-After (1 s) allowed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("quiz daily, status and stop answer from the quiz service", async () => {
    const on = cardTexts(cardsOf(await say("quiz daily 09:30 weekdays"))[0]).join(" ");
    expect(on).toMatch(/09:30/);
    bot.connector.clear();
    expect(cardTexts(cardsOf(await say("quiz status"))[0]).join(" ")).toMatch(/09:30/);
    bot.connector.clear();
    expect(cardTexts(cardsOf(await say("quiz stop"))[0]).join(" ").length).toBeGreaterThan(5);
  });
});
