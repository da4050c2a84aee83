// Conversation flows through botbuilder's TestAdapter: the bot's own logic, turn by turn, with the real
// engine and store.

import { type Activity, TestAdapter, type TurnContext } from "botbuilder";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { FRIENDLY_ERROR, SrmTeamsBot, turnErrorHandler } from "../../src/teams/index.js";
import { cardProblems } from "./adaptive-check.js";
import {
  type CapturedLogger,
  captureLogger,
  cardActions,
  cardTexts,
  engine,
  memoryStore,
} from "./harness.js";
import { PRACTICE, StubQuiz } from "./stub-quiz.js";

type Card = Record<string, unknown>;

function cardOf(activity: Partial<Activity>): Card {
  const content = activity.attachments?.[0]?.content as Card | undefined;
  if (!content) throw new Error(`expected a card, got ${JSON.stringify(activity)}`);
  expect(cardProblems(content)).toEqual([]);
  return content;
}

describe("Teams conversation flows (TestAdapter)", () => {
  let store: Store;
  let quiz: StubQuiz;
  let logs: CapturedLogger;
  let adapter: TestAdapter;

  beforeEach(async () => {
    logs = captureLogger();
    store = await memoryStore(logs.logger);
    quiz = new StubQuiz();
    const bot = new SrmTeamsBot({ engine, store, quiz, logger: logs.logger });
    adapter = new TestAdapter((context: TurnContext) => bot.run(context));
    adapter.onTurnError = turnErrorHandler(logs.logger);
  });
  afterEach(async () => {
    await store.close();
  });

  it("question, then a related question from the card's button, then feedback", async () => {
    let related: Record<string, unknown> | undefined;
    let feedback: Record<string, unknown> | undefined;
    await adapter
      .send("who handles RDS patching?")
      .assertReply((a) => {
        const card = cardOf(a);
        expect(cardTexts(card)[0]).toBe("🟧 **AWS owns this**");
        related = cardActions(card).find((b) => b.data.a === "ask")?.data;
        feedback = cardActions(card).find((b) => b.data.a === "feedback" && b.data.helpful === true)?.data;
      })
      .startTest();
    expect(related).toMatchObject({ a: "ask" });
    await adapter
      .send({ type: "message", value: related } as Partial<Activity>)
      .assertReply((a) => {
        expect(cardTexts(cardOf(a)).length).toBeGreaterThan(3);
      })
      .startTest();
    // No replyToId (as from the Emulator): the vote is thanked with a short message.
    await adapter
      .send({ type: "message", value: feedback } as Partial<Activity>)
      .assertReply((a) => {
        expect(cardTexts(cardOf(a))).toEqual(["Thanks for the feedback!"]);
      })
      .startTest();
    expect(await store.topUnhelpful("teams", 5)).toEqual([]);
  });

  it("strips the @mention before reading the command", async () => {
    await adapter
      .send({
        type: "message",
        text: "<at>srm-bot</at> quiz daily 08:45",
        entities: [{ type: "mention", text: "<at>srm-bot</at>", mentioned: { id: "bot", name: "srm-bot" } }],
      } as Partial<Activity>)
      .assertReply((a) => {
        expect(cardTexts(cardOf(a))[0]).toMatch(/Daily quiz on: 08:45/);
      })
      .startTest();
    expect(quiz.calls).toEqual([expect.objectContaining({ method: "subscribe", args: ["08:45"] })]);
  });

  it("quiz, then an answer through Action.Execute: the result is the invoke response", async () => {
    let answer: Record<string, unknown> | undefined;
    await adapter
      .send("quiz")
      .assertReply((a) => {
        answer = cardActions(cardOf(a)).find((b) => b.data.choice === "customer")?.data;
      })
      .startTest();
    await adapter
      .send({
        type: "invoke",
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: "quiz_answer", data: answer }, trigger: "manual" },
      } as Partial<Activity>)
      .assertReply((a) => {
        expect(a.type).toBe("invokeResponse");
        const body = (a.value as { status: number; body: { statusCode: number; type: string; value: Card } })
          .body;
        expect(body.statusCode).toBe(200);
        expect(cardProblems(body.value)).toEqual([]);
        expect(cardTexts(body.value)).toContain("✅ Correct: 🟦 Customer");
      })
      .startTest();
    expect(quiz.calls.at(-1)).toMatchObject({ method: "answer", args: [PRACTICE.quizId, "customer"] });
  });

  it("welcome card when the bot is added", async () => {
    await adapter
      .send({
        type: "conversationUpdate",
        membersAdded: [{ id: "bot", name: "srm-bot" }],
      } as Partial<Activity>)
      .assertReply((a) => {
        expect(cardTexts(cardOf(a))[0]).toBe("👋 Hi, I'm srm-bot");
      })
      .startTest();
  });

  it("an error in a turn becomes one friendly line, and an error invoke response for buttons", async () => {
    quiz.answer = async () => {
      throw new Error("kaboom");
    };
    await adapter
      .send("quiz")
      .assertReply(() => {})
      .send({
        type: "invoke",
        name: "adaptiveCard/action",
        value: {
          action: {
            type: "Action.Execute",
            verb: "quiz_answer",
            data: { a: "quiz_answer", quiz: "q", choice: "aws" },
          },
        },
      } as Partial<Activity>)
      .assertReply((a) => {
        expect(a.type).toBe("invokeResponse");
        expect(a.value).toMatchObject({ body: { statusCode: 500, value: { message: FRIENDLY_ERROR } } });
      })
      .startTest();
    quiz.practice = async () => {
      throw new Error("kaboom");
    };
    await adapter.send("quiz").assertReply(FRIENDLY_ERROR).startTest();
    expect(logs.lines.filter((l) => l.msg === "Teams turn failed")).toHaveLength(2);
  });
});
