// Every card srm-bot can send to Slack, over the whole knowledge base, inside Block Kit's limits,
// with the owner at a glance and user text escaped.

import { describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/conversation/actions.js";
import type { Answer, EntryDetail } from "../../src/engine/answer.js";
import { Composer } from "../../src/engine/compose.js";
import { CATEGORY_NAME } from "../../src/engine/index.js";
import { ResponsibilityModel } from "../../src/engine/responsibility.js";
import { type Category, LAYER_IDS, type Owner } from "../../src/knowledge/schema.js";
import { buildQuestionPool, QUIZ_CHOICES } from "../../src/quiz/index.js";
import type { AnswerOutcome } from "../../src/quiz/types.js";
import {
  OWNER_EMOJI,
  renderBlockKit,
  renderHome,
  renderLeaderboard,
  renderNotice,
  renderQuizCard,
  renderQuizOutcome,
  renderReveal,
  renderWelcome,
} from "../../src/render/blockkit.js";
import { relatedToShow } from "../../src/render/card-policy.js";
import { VERDICT } from "../../src/render/copy.js";
import { buttonsOf, realEngine, textOf } from "./harness.js";
import { checkMessage } from "./limits.js";

const engine = realEngine();
const kb = engine.kb;
const composer = new Composer(kb);
const OPTION_SETS = [
  {},
  { share: true, showQuestion: true },
  { sharedBy: "U0SHARER", showQuestion: true },
  { feedback: "thanks" as const },
];

function expectValid(answer: Answer, label: string): void {
  for (const opts of OPTION_SETS) {
    const msg = renderBlockKit(answer, opts);
    expect(
      checkMessage(msg as unknown as Record<string, unknown>),
      `${label} ${JSON.stringify(opts)}`,
    ).toEqual([]);
  }
}

const NASTY = "<!channel> <!here|here> <@U0EVE> & <script>alert(1)</script> @everyone ` * _ ~ > quote";

describe("Block Kit limits over the whole knowledge base", () => {
  it("has a knowledge base to check", () => {
    expect(kb.entries.length).toBeGreaterThan(50);
  });

  it("every entry, with the longest possible close call, in every option set", () => {
    const longest = [...kb.entries].sort((a, b) => b.statement.length - a.statement.length)[0];
    for (const e of kb.entries) {
      const close = longest && longest.id !== e.id ? longest : kb.entries[0];
      const answer = composer.entry(`${NASTY} ${e.phrasings[0]}`.slice(0, 500), e, 1, {
        mentioned: [],
        closeCall: close,
      });
      expectValid(answer, e.id);
      const msg = renderBlockKit(answer);
      // Owner at a glance: the verdict, with the owner's square, is the header (Slack's largest text), and
      // each related question is shown marked too.
      expect(msg.blocks[0]).toMatchObject({
        type: "header",
        text: { text: `${OWNER_EMOJI[e.owner]} ${VERDICT[e.owner]}` },
      });
      for (const r of relatedToShow(answer.detail as EntryDetail)) {
        const bs = buttonsOf(msg.blocks).filter(
          (x) => (parseCardAction(x.value) as { q?: string })?.q === r.question,
        );
        expect(
          bs.some((b) => b.text.startsWith(OWNER_EMOJI[r.owner])),
          `${e.id} → ${r.id}`,
        ).toBe(true);
      }
      if (e.source.kind === "aws")
        expect(textOf(msg.blocks)).toContain(`<${e.source.url.replace(/&/g, "&amp;")}|`);
      expect(textOf(msg.blocks)).toContain(`Last reviewed ${e.reviewed}`);
    }
  });

  it("every phrasing of every entry, as the engine answers it", () => {
    const reached = new Set<string>();
    for (const e of kb.entries)
      for (const q of [...e.phrasings, e.statement]) {
        const a = engine.resolve(q);
        if (a.entry) reached.add(a.entry);
        expectValid(a, q);
      }
    // Most entries are reached through their own phrasings; all of them are covered by the test above.
    expect(reached.size).toBeGreaterThan(kb.entries.length * 0.8);
  });

  it("every general-rule answer: each service, each layer, named and not", () => {
    const model = new ResponsibilityModel(kb.layers);
    for (const s of kb.services)
      for (const layer of LAYER_IDS) {
        const a = composer.rule(
          `who owns ${layer} for ${s.name} ${NASTY}`,
          model.forService(s, layer),
          0.6,
          [],
          true,
        );
        expectValid(a, `${s.id}/${layer}`);
        expect(a.entry).toBeNull();
        expect(a.layer).toBe(layer);
        expect(textOf(renderBlockKit(a))).toMatch(/General rule|exception to the general rule/);
      }
  });

  it("every service overview", () => {
    for (const s of kb.services) {
      const a = engine.resolve(`what am I responsible for with ${s.name}`);
      expectValid(a, s.id);
      expectValid(composer.service(`${s.name}`, s), `${s.id} (composer)`);
    }
  });

  it("every service model, alone and together; the shared controls", () => {
    for (const m of kb.models) expectValid(composer.models(`service model ${m.id}`, [m.id]), m.id);
    expectValid(composer.models("iaas vs paas vs serverless", []), "all models");
    expectValid(engine.resolve("what are the shared controls?"), "controls");
    expectValid(engine.resolve("ec2 vs lambda"), "compare without a topic");
    expectValid(composer.controls("shared controls"), "controls (composer)");
  });

  it("every topic compared across every service at once, as a compact matrix", () => {
    for (const topic of [...(Object.keys(CATEGORY_NAME) as Category[]), null]) {
      const a = composer.compare(`compare ${topic}`, topic, kb.services, []);
      expectValid(a, String(topic));
      const msg = renderBlockKit(a);
      const matrix = msg.blocks.filter((b) => b.type === "section" && "fields" in b && b.fields);
      expect(matrix.length).toBeGreaterThan(0);
      if (topic)
        expectValid(engine.resolve(`compare ${CATEGORY_NAME[topic]} ec2 rds lambda`), `${topic} (engine)`);
    }
  });

  it("help, commands and every kind of fallback, with a 10,000-character question", () => {
    const huge = `${NASTY} `.repeat(300).slice(0, 10_000);
    for (const q of [
      "help",
      "quiz",
      "leaderboard",
      "",
      "   ",
      huge,
      "rds things maybe",
      "what is the capital of france",
    ])
      expectValid(engine.resolve(q), JSON.stringify(q.slice(0, 30)));
    for (const reason of ["empty", "out_of_scope", "low_confidence"] as const)
      expectValid({ ...composer.fallback(huge.slice(0, 500), reason, [0, 1, 2]) }, reason);
  });
});

describe("escaping", () => {
  it("user text in an answer never becomes a mention or a link", () => {
    const a: Answer = { ...engine.resolve("blorp"), question: NASTY };
    const msg = renderBlockKit(a, { showQuestion: true, share: true });
    const raw = JSON.stringify(msg);
    expect(raw).not.toMatch(/<!channel>|<!here|<@U0EVE>|<script>/);
    expect(textOf(msg.blocks)).toContain("&lt;!channel&gt;");
    expect(textOf(msg.blocks)).toContain("@\u2060everyone");
    expect(checkMessage(msg as unknown as Record<string, unknown>)).toEqual([]);
  });

  it("notices, names and admin lists are escaped", () => {
    const notice = renderNotice(`Unknown time zone "${NASTY}"`, "warning");
    expect(JSON.stringify(notice)).not.toMatch(/<!channel>|<@U0EVE>/);
    const board = renderLeaderboard({
      period: "week",
      rows: [{ user: "U1", userName: NASTY, points: 10, answered: 1, correct: 1, streak: 1, bestStreak: 1 }],
    });
    expect(JSON.stringify(board)).not.toMatch(/<!channel>|<@U0EVE>/);
    expect(checkMessage(board as unknown as Record<string, unknown>)).toEqual([]);
    const home = renderHome({
      examples: ["Who handles RDS patching?"],
      stats: null,
      admin: {
        unanswered: [{ question: NASTY, count: 3 }],
        unhelpful: [{ target: "rds-os-patching", question: NASTY, count: 2 }],
      },
    });
    expect(JSON.stringify(home)).not.toMatch(/<!channel>|<@U0EVE>/);
  });
});

describe("quiz, reveal, leaderboard, welcome and App Home", () => {
  const pool = buildQuestionPool(kb);

  it("a quiz card for every question in the pool, daily and practice", () => {
    expect(pool.length).toBeGreaterThan(0);
    for (const q of pool)
      for (const mode of ["daily", "practice"] as const) {
        const msg = renderQuizCard({
          quizId: `quiz-${q.id}`,
          prompt: q.prompt,
          choices: [...QUIZ_CHOICES],
          slotDate: "2026-01-05",
          mode,
        });
        expect(checkMessage(msg as unknown as Record<string, unknown>), q.id).toEqual([]);
        const choices = buttonsOf(msg.blocks).map((b) => parseCardAction(b.value));
        expect(choices.map((c) => (c?.a === "quiz_answer" ? c.choice : null))).toEqual(QUIZ_CHOICES);
      }
  });

  it("every outcome and every reveal", () => {
    const statuses: AnswerOutcome["status"][] = [
      "recorded",
      "already_answered",
      "closed",
      "not_found",
      "unavailable",
    ];
    for (const q of pool) {
      for (const status of statuses)
        for (const choice of QUIZ_CHOICES as Owner[]) {
          const outcome: AnswerOutcome = {
            status,
            correct: choice === q.correct,
            correctOwner: q.correct,
            explanation: q.explanation,
            ...(q.learnMore ? { learnMore: q.learnMore } : {}),
            points: 120,
            streak: 4,
            earned: 10,
          };
          const msg = renderQuizOutcome(outcome, choice);
          expect(checkMessage(msg as unknown as Record<string, unknown>), `${q.id} ${status}`).toEqual([]);
        }
      const reveal = renderReveal({
        quizId: "x",
        prompt: q.prompt,
        correctOwner: q.correct,
        explanation: q.explanation,
        answered: 12,
        correctCount: 7,
        messageRef: "1.2",
      });
      expect(checkMessage(reveal as unknown as Record<string, unknown>), q.id).toEqual([]);
      expect(textOf(reveal.blocks)).toContain(OWNER_EMOJI[q.correct]);
    }
  });

  it("leaderboards (empty and full), welcome and the App Home tab", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      user: `U${i}`,
      userName: i % 2 ? `Player ${i}` : null,
      points: 100 - i,
      answered: 20,
      correct: 10,
      streak: i,
      bestStreak: i + 1,
    }));
    for (const board of [
      renderLeaderboard({ period: "all", rows: [] }),
      renderLeaderboard({ period: "week", rows }),
    ])
      expect(checkMessage(board as unknown as Record<string, unknown>)).toEqual([]);
    expect(
      checkMessage(renderWelcome(["Who handles RDS patching?"]) as unknown as Record<string, unknown>),
    ).toEqual([]);
    const long = "x".repeat(600);
    for (const stats of [undefined, null, rows[0]]) {
      const home = renderHome({
        examples: ["Who handles RDS patching?", "Is encrypting data in transit my job?"],
        stats,
        admin: {
          unanswered: Array.from({ length: 10 }, (_, i) => ({ question: `${long}${i}`, count: 10 - i })),
          unhelpful: null,
        },
      });
      expect(checkMessage(home as unknown as Record<string, unknown>, "view")).toEqual([]);
    }
  });
});
