// Every card the Teams bot can send, parsed with Microsoft's adaptivecards library at schema 1.5:
// no parse warnings, no validation failures, no property the library dropped.

import { describe, expect, it } from "vitest";
import { feedbackTarget, isRated } from "../../src/conversation/feedback.js";
import { type Reply, welcomeReply } from "../../src/conversation/respond.js";
import { Composer } from "../../src/engine/compose.js";
import { ResponsibilityModel } from "../../src/engine/responsibility.js";
import { LAYER_IDS } from "../../src/knowledge/schema.js";
import type { AnswerOutcome } from "../../src/quiz/types.js";
import {
  neutralise,
  renderAdaptiveCard,
  renderLeaderboard,
  renderQuizCard,
  renderQuizOutcome,
  renderReply,
  renderReveal,
} from "../../src/render/adaptive.js";
import { TEAMS_TIP } from "../../src/teams/index.js";
import { cardProblems } from "./adaptive-check.js";
import { cardActions, cardTexts, engine, kb } from "./harness.js";
import { DAILY, PRACTICE, REVEAL, StubQuiz } from "./stub-quiz.js";

const composer = new Composer(kb);

describe("answer cards", () => {
  it.each(kb.entries.map((e) => [e.id, e] as const))("entry %s", (_id, entry) => {
    const answer = composer.entry(entry.phrasings[0] ?? entry.statement, entry, 0.9, { mentioned: [] });
    const card = renderAdaptiveCard(answer);
    expect(cardProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts).toContain(entry.statement);
    expect(texts).toContain(entry.rationale);
    expect(texts).toContain(entry.otherParty);
    expect(texts.some((t) => t.startsWith("Source: ") && t.includes(entry.reviewed))).toBe(true);
    for (const c of entry.caveats) expect(texts).toContain(c.text);
    const actions = cardActions(card);
    expect(actions.filter((a) => a.data.a === "feedback").map((a) => a.data.target)).toEqual([
      entry.id,
      entry.id,
    ]);
    for (const a of actions) expect(JSON.stringify(a.data).length).toBeLessThan(1200);
    // The voted-on version: same content, buttons replaced by a thank-you.
    const voted = renderAdaptiveCard(answer, { feedback: { helpful: true } });
    expect(cardProblems(voted)).toEqual([]);
    expect(cardActions(voted).some((a) => a.data.a === "feedback")).toBe(false);
  });

  it.each(kb.entries.flatMap((e) => e.phrasings.map((p) => [e.id, p] as const)))(
    "what the engine answers to %s's phrasing %j",
    (_id, phrasing) => {
      const card = renderAdaptiveCard(engine.resolve(phrasing));
      expect(cardProblems(card)).toEqual([]);
      // Teams refuses messages over about 28 KB.
      expect(JSON.stringify(card).length).toBeLessThan(25_000);
    },
  );

  it.each(kb.services.map((s) => [s.id, s] as const))(
    "general-rule answers for %s, every layer",
    (_id, service) => {
      const model = new ResponsibilityModel(kb.layers);
      for (const layer of LAYER_IDS) {
        const ruling = model.forService(service, layer);
        const card = renderAdaptiveCard(
          composer.rule(`who owns ${layer} for ${service.name}`, ruling, 0.6, [], true),
        );
        expect(cardProblems(card), layer).toEqual([]);
        const texts = cardTexts(card).join("\n");
        // The card says it is the general rule (or the service's exception), not a curated entry.
        expect(texts).toMatch(/General rule|exception to the general rule/);
        expect(texts).toContain(ruling.layer.otherParty);
      }
    },
  );

  it.each(kb.services.map((s) => [s.id, s] as const))("service overview %s", (_id, service) => {
    const card = renderAdaptiveCard(composer.service(`service ${service.id}`, service));
    expect(cardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toContain(`${service.name}: who owns what`);
  });

  it("service models, one and all", () => {
    for (const ids of [[], ...kb.models.map((m) => [m.id])]) {
      const card = renderAdaptiveCard(composer.models("model", ids));
      expect(cardProblems(card)).toEqual([]);
      expect(JSON.stringify(card).length).toBeLessThan(25_000);
    }
  });

  it("shared controls", () => {
    expect(cardProblems(renderAdaptiveCard(composer.controls("shared controls")))).toEqual([]);
  });

  it.each([
    "patching on ec2 vs rds vs lambda",
    "compare encryption for s3 and dynamodb",
    "who patches what across ec2 rds and fargate",
    "compare ec2 and lambda",
  ])("compare matrix for %j", (q) => {
    const answer = engine.resolve(q);
    const card = renderAdaptiveCard(answer);
    expect(cardProblems(card)).toEqual([]);
    if (answer.detail.kind === "compare")
      expect(cardTexts(card)).toContain(`${answer.detail.topicName} across services`);
  });

  it.each([
    "help",
    "service lambda",
    "compare patching ec2 rds lambda",
    "iaas vs paas vs serverless",
    "",
    "what is the weather in Paris",
    "who handles patching",
    "how much does s3 cost",
  ])("engine answer to %j", (q) => {
    const answer = engine.resolve(q);
    const card = renderAdaptiveCard(answer, { tip: TEAMS_TIP });
    expect(cardProblems(card)).toEqual([]);
    expect(card.fallbackText.length).toBeGreaterThan(10);
    expect(
      cardActions(card)
        .filter((a) => a.data.a === "feedback")
        .map((a) => a.data.target),
    ).toEqual(isRated(answer) ? [feedbackTarget(answer), feedbackTarget(answer)] : []);
  });
});

describe("quiz and other cards", () => {
  const outcomes: Array<[string, AnswerOutcome]> = [
    ["correct", new StubQuiz().outcome],
    [
      "wrong",
      {
        status: "recorded",
        correct: false,
        correctOwner: "customer",
        explanation: "You patch the guest OS.",
        points: 5,
        streak: 0,
        earned: 0,
      },
    ],
    ["already answered", { status: "already_answered", correctOwner: "aws" }],
    ["closed", { status: "closed", correctOwner: "shared", explanation: "Both do a part." }],
    ["not found", { status: "not_found" }],
    ["unavailable", { status: "unavailable" }],
  ];

  it.each(outcomes)("quiz outcome: %s", (_name, outcome) => {
    const card = renderQuizOutcome(outcome, "aws");
    expect(cardProblems(card)).toEqual([]);
    expect(card.fallbackText.length).toBeGreaterThan(5);
  });

  it.each([
    ["practice", PRACTICE],
    ["daily", DAILY],
  ])("%s quiz card: one Action.Execute per choice, carrying a valid CardAction", (_name, quiz) => {
    const card = renderQuizCard(quiz);
    expect(cardProblems(card)).toEqual([]);
    expect(card.actions?.map((a) => a.type)).toEqual(["Action.Execute", "Action.Execute", "Action.Execute"]);
    expect(cardActions(card).map((a) => a.data)).toEqual(
      quiz.choices.map((choice) => ({ a: "quiz_answer", quiz: quiz.quizId, choice })),
    );
  });

  it("reveal and leaderboards (empty and full)", () => {
    expect(cardProblems(renderReveal(REVEAL))).toEqual([]);
    const board = new StubQuiz().board;
    for (const period of ["week", "all"] as const) {
      expect(cardProblems(renderLeaderboard({ period, rows: board }))).toEqual([]);
      expect(cardProblems(renderLeaderboard({ period, rows: [] }))).toEqual([]);
    }
  });

  it.each<[string, Reply]>([
    ["welcome", welcomeReply()],
    [
      "notice",
      { kind: "notice", text: "Daily quiz on at 09:00 <at>x</at> https://evil.example", tone: "info" },
    ],
    ["warning", { kind: "notice", text: "The quiz isn't available right now.", tone: "warning" }],
    ["feedback without the answer", { kind: "feedback", helpful: true, answer: null, counted: true }],
    [
      "feedback with the answer",
      {
        kind: "feedback",
        helpful: false,
        answer: engine.resolve("who handles RDS patching?"),
        counted: true,
      },
    ],
    ["quiz", { kind: "quiz", quiz: PRACTICE }],
    [
      "quiz outcome",
      {
        kind: "quiz_outcome",
        quizId: "q",
        choice: "shared",
        outcome: { status: "recorded", correct: false, correctOwner: "aws" },
      },
    ],
    ["reveal", { kind: "reveal", reveal: REVEAL }],
    ["leaderboard", { kind: "leaderboard", board: { period: "all", rows: [] } }],
  ])("reply %s", (_name, reply) => {
    const { card, summary } = renderReply(reply, { tip: TEAMS_TIP });
    expect(cardProblems(card)).toEqual([]);
    expect(summary.length).toBeGreaterThan(3);
    expect(JSON.stringify(card)).not.toMatch(/<at>|https:\/\/evil/);
  });
});

describe("neutralise (text a user wrote, shown in a card)", () => {
  it.each([
    ["[x](https://evil.example/a)", /https?:\/\//],
    ["visit www.evil.example", /www\.[a-z]/],
    ["mail boss@evil.example", /@evil/],
    ["evil.example/login", /evil\.example/],
    ["<at>Boss</at> hi", /<at>|Boss<\/at>/],
    ["<script>alert(1)</script>", /<script>/],
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checks that control characters are gone
    ["a\u202eb\u0000c", /[\u202e\u0000]/],
  ])("%j loses anything a client could turn into a link, mention or mark-up", (input, forbidden) => {
    const out = neutralise(input);
    expect(out).not.toMatch(forbidden);
    // Still readable: the words are all there.
    for (const word of input.match(/[a-z]{3,}/gi) ?? [])
      if (word !== "at") expect(out.replace(/\u2060/g, "")).toContain(word);
  });

  it("caps length", () => {
    expect(neutralise("x".repeat(5000)).length).toBe(500);
  });
});
