// The policies both chat surfaces share, checked through the real Block Kit and Adaptive Card renderers:
// which cards are rated, how many related questions, no suggestion twice, the owner verdict first.

import { describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/conversation/actions.js";
import type { Answer, EntryDetail } from "../../src/engine/answer.js";
import { OWNER_LABEL } from "../../src/engine/answer.js";
import { Composer } from "../../src/engine/compose.js";
import { renderAdaptiveCard, renderLeaderboard, renderQuizOutcome } from "../../src/render/adaptive.js";
import {
  renderBlockKit,
  renderLeaderboard as renderSlackLeaderboard,
  renderQuizOutcome as renderSlackQuizOutcome,
} from "../../src/render/blockkit.js";
import { relatedToShow } from "../../src/render/card-policy.js";
import { renderText } from "../../src/render/text.js";
import { buttonsOf, textOf } from "../slack/harness.js";
import { cardActions, cardTexts, engine, kb } from "../teams/harness.js";

const composer = new Composer(kb);

function slackQuestions(a: Answer): string[] {
  return buttonsOf(renderBlockKit(a).blocks).flatMap((b) => {
    const act = parseCardAction(b.value) as { a: string; q?: string } | null;
    return act?.a === "ask" && act.q ? [act.q] : [];
  });
}
function teamsQuestions(a: Answer): string[] {
  return cardActions(renderAdaptiveCard(a)).flatMap((x) =>
    x.data.a === "ask" && typeof x.data.q === "string" ? [x.data.q] : [],
  );
}
const votes = (kinds: string[]) => kinds.filter((k) => k === "feedback").length;

describe("rating: one policy for Slack and Teams", () => {
  it.each(["help", "", "what is the weather in Paris", "who handles RDS patching?", "service lambda"])(
    "%j",
    (q) => {
      const a = engine.resolve(q);
      const slack = buttonsOf(renderBlockKit(a).blocks).map((b) => parseCardAction(b.value)?.a ?? "");
      const teams = cardActions(renderAdaptiveCard(a)).map((x) => String(x.data.a));
      const rated = !["help", "fallback", "command"].includes(a.detail.kind);
      expect(votes(slack)).toBe(rated ? 2 : 0);
      expect(votes(teams)).toBe(rated ? 2 : 0);
    },
  );
});

describe("suggestions on an answer card", () => {
  it("no question twice, the same related questions on both surfaces, over the whole knowledge base", () => {
    for (const e of kb.entries) {
      // The close call is the entry's own first related entry when it has one: the worst case for repeats.
      const close = kb.entries.find((x) => x.id === e.related[0]) ?? kb.entries.find((x) => x.id !== e.id);
      const a = composer.entry(e.phrasings[0] ?? e.statement, e, 1, { mentioned: [], closeCall: close });
      const d = a.detail as EntryDetail;
      const slack = slackQuestions(a);
      const teams = teamsQuestions(a);
      expect(new Set(slack).size, e.id).toBe(slack.length);
      expect(new Set(teams).size, e.id).toBe(teams.length);
      expect([...slack].sort(), e.id).toEqual([...teams].sort());
      const shown = relatedToShow(d);
      expect(shown.length).toBeLessThanOrEqual(3);
      if (d.closeCall) expect(shown.map((r) => r.id)).not.toContain(d.closeCall.id);
    }
  });

  it("the quiz outcome's button has the same label on both surfaces", () => {
    const outcome = {
      status: "recorded" as const,
      correct: true,
      correctOwner: "aws" as const,
      learnMore: "Who handles RDS patching?",
    };
    const slack = buttonsOf(renderSlackQuizOutcome(outcome, "aws").blocks).map((b) => b.text);
    const teams = cardActions(renderQuizOutcome(outcome, "aws")).map((x) => x.title);
    expect(slack).toContain("Full answer");
    expect(teams).toContain("Full answer");
  });
});

describe("the help card", () => {
  const help = engine.resolve("help");
  const surfaces = {
    slack: textOf(renderBlockKit(help).blocks),
    teams: cardTexts(renderAdaptiveCard(help)).join("\n"),
    text: renderText(help),
  };
  it.each(Object.entries(surfaces))("%s lists every command, with no long unbreakable token", (_s, text) => {
    for (const c of [
      "quiz daily",
      "quiz stop",
      "quiz status",
      "quiz now",
      "quiz reveal",
      "leaderboard week",
      "model iaas",
      "model paas",
      "model serverless",
      "service ",
      "compare ",
    ])
      expect(text).toContain(c);
    // A narrow card breaks a word it cannot wrap: no token beyond what fits a phone-width column.
    const longest = text
      .replace(/<[^>]*>/g, "")
      .split(/\s+/)
      .filter((w) => !/^https?:/.test(w))
      .sort((a, b) => b.length - a.length)[0];
    expect(longest?.length ?? 0).toBeLessThanOrEqual(22);
  });
});

describe("service-model and service cards", () => {
  it.each(["model serverless", "model iaas"])("%s: the summary once, duties as a list", (q) => {
    const a = engine.model(q.split(" ")[1] as string);
    const m = (a.detail as Extract<Answer["detail"], { kind: "models" }>).models[0];
    if (!m) throw new Error("no model");
    const teams = cardTexts(renderAdaptiveCard(a));
    const occurrences = (xs: string[]) => xs.filter((t) => t.includes(m.summary)).length;
    expect(occurrences(teams)).toBe(1);
    for (const duty of [...m.aws, ...m.customer]) expect(teams).toContain(`• ${duty}`);
    expect(renderText(a).split(m.summary).length - 1).toBe(1);
    expect(textOf(renderBlockKit(a).blocks).split(m.summary).length - 1).toBe(1);
  });

  it.each(kb.services.map((s) => s.id))("service %s: no 'service service model'", (id) => {
    const a = engine.overview(id);
    const all = [...cardTexts(renderAdaptiveCard(a)), textOf(renderBlockKit(a).blocks), renderText(a)].join(
      "\n",
    );
    expect(all).not.toMatch(/service(s)? service model/i);
  });
});

describe("the owner verdict on the Adaptive Card", () => {
  const SIZE = ["Small", "Default", "Medium", "Large", "ExtraLarge"];
  const sizeOf = (o: Record<string, unknown>) => SIZE.indexOf(String(o.size ?? "Default"));
  function texts(card: unknown): Array<Record<string, unknown>> {
    const out: Array<Record<string, unknown>> = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== "object") return;
      const o = v as Record<string, unknown>;
      if (o.type === "TextBlock" || o.type === "TextRun") out.push(o);
      for (const [k, c] of Object.entries(o)) if (k !== "data" && typeof c === "object") walk(c);
    };
    walk(card);
    return out;
  }

  it("is the largest, boldest text, in a Teams colour role, with the owner word, for every entry", () => {
    for (const e of kb.entries) {
      const card = renderAdaptiveCard(composer.entry(e.statement, e, 1, { mentioned: [] }));
      const all = texts(card);
      const verdict = all[0];
      if (!verdict) throw new Error("no text");
      expect(String(verdict.text).toLowerCase()).toContain(OWNER_LABEL[e.owner].toLowerCase());
      expect(["Attention", "Good", "Warning", "Accent"]).toContain(verdict.color);
      expect(verdict.weight).toBe("Bolder");
      for (const other of all.slice(1)) expect(sizeOf(other), e.id).toBeLessThan(sizeOf(verdict));
      // No tinted band under coloured text.
      expect(JSON.stringify(card.body[0])).not.toMatch(/"style":"(warning|accent|good|attention)"/);
    }
  });
});

describe("the leaderboard", () => {
  it("gives no medal to 0 points, on either surface", () => {
    const row = (user: string, points: number) => ({
      user,
      userName: user,
      points,
      answered: 1,
      correct: points > 0 ? 1 : 0,
      streak: 0,
      bestStreak: 0,
    });
    const board = { period: "all" as const, rows: [row("Ada", 10), row("Bob", 0), row("Cy", 0)] };
    const slack = textOf(renderSlackLeaderboard(board).blocks);
    const teams = cardTexts(renderLeaderboard(board)).join("\n");
    expect(slack).toContain(":first_place_medal:");
    expect(slack).not.toContain(":second_place_medal:");
    expect(slack).not.toContain(":third_place_medal:");
    expect(teams).toContain("🥇");
    expect(teams).not.toMatch(/🥈|🥉/);
    expect(teams).toContain("2.");
  });
});
