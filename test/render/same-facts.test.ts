// Every Answer kind rendered on all three surfaces (Block Kit, Adaptive Card, text) carries the same facts:
// the owner verdict, the statement, the related questions, the suggestions and the buttons.

import { describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/conversation/actions.js";
import { answerFor } from "../../src/conversation/commands.js";
import type { Answer } from "../../src/engine/answer.js";
import { Composer } from "../../src/engine/compose.js";
import { renderAdaptiveCard } from "../../src/render/adaptive.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { relatedToShow } from "../../src/render/card-policy.js";
import { OWNER_WORD, VERDICT } from "../../src/render/copy.js";
import { renderText } from "../../src/render/text.js";
import { buttonsOf, textOf } from "../slack/harness.js";
import { cardTexts, engine, kb } from "../teams/harness.js";

const composer = new Composer(kb);
const withClose = (() => {
  const e = kb.entries.find((x) => x.related.length >= 2) ?? kb.entries[0];
  if (!e) throw new Error("no entries");
  const close = kb.entries.find((x) => x.id === e.related[0]);
  return composer.entry(e.phrasings[0] ?? e.statement, e, 0.8, { mentioned: [], closeCall: close });
})();

const CASES: Array<[string, Answer]> = [
  ["entry", engine.resolve("who handles RDS patching?")],
  ["entry, customer", engine.resolve("who patches the EC2 guest OS?")],
  ["entry with a close call", withClose],
  ["general rule", engine.resolve("who owns the network for app runner")],
  ["service", answerFor(engine, "service lambda")],
  ["one model", answerFor(engine, "model serverless")],
  ["all models", engine.resolve("iaas vs paas vs serverless")],
  ["unknown model", answerFor(engine, "model xyz")],
  ["controls", engine.resolve("what are the shared controls?")],
  ["compare", answerFor(engine, "compare patching ec2 rds lambda")],
  ["compare, defaulted", answerFor(engine, "compare")],
  ["compare without a topic", engine.resolve("ec2 vs lambda")],
  ["help", engine.resolve("help")],
  ["command", engine.resolve("quiz")],
  ["fallback, empty", engine.resolve("")],
  ["fallback, out of scope", engine.resolve("what is the weather in Paris")],
  ["fallback, unclear", engine.resolve("rds things maybe")],
  ["fallback, unknown service", answerFor(engine, "service foo")],
];

/** A card's buttons (ActionSets and the card's own actions), not the clickable rows of a compare matrix. */
function buttonsOfCard(card: unknown): Array<{ title: string; data?: unknown }> {
  const out: Array<{ title: string; data?: unknown }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (typeof o.type === "string" && o.type.startsWith("Action."))
      out.push(o as { title: string; data?: unknown });
    for (const [k, c] of Object.entries(o)) if (k !== "data" && k !== "selectAction") walk(c);
  };
  walk(card);
  return out;
}

const unescaped = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
/** A button label without the emoji each surface draws its own way. */
const words = (label: string) =>
  label
    .replace(/:[a-z_]+:/g, "")
    .replace(/\p{Extended_Pictographic}|\uFE0F/gu, "")
    .trim();

function surfaces(a: Answer) {
  const slack = renderBlockKit(a);
  const teams = renderAdaptiveCard(a);
  const slackButtons = buttonsOf(slack.blocks).map((b) => ({
    label: words(b.text),
    action: parseCardAction(b.value),
  }));
  const teamsButtons = buttonsOfCard(teams).map((x) => ({ label: words(x.title), action: x.data ?? null }));
  return {
    slack: { text: unescaped(textOf(slack.blocks)), buttons: slackButtons },
    teams: { text: cardTexts(teams).join("\n"), buttons: teamsButtons, first: cardTexts(teams)[0] ?? "" },
    text: renderText(a),
    slackFirst: slack.blocks[0],
  };
}

describe.each(CASES)("%s: the same facts on Slack, Teams and text", (_name, a) => {
  const s = surfaces(a);
  const d = a.detail;

  it("the same buttons, in the same order, with the same labels and actions", () => {
    const strip = (xs: Array<{ label: string; action: unknown }>) =>
      xs.filter((x) => (x.action as { a?: string } | null)?.a !== undefined);
    expect(strip(s.teams.buttons)).toEqual(strip(s.slack.buttons));
    // Text has no buttons but lists every question a button asks, whole (a label may be cut for Slack).
    for (const b of strip(s.slack.buttons)) {
      const action = b.action as { a: string; q?: string };
      if (action.a === "ask") expect(s.text, b.label).toContain(action.q);
    }
  });

  it("the owner verdict and the statement", () => {
    if (d.kind !== "entry") {
      expect(s.text).not.toMatch(/^\[(AWS|Customer|Shared)\]/);
      return;
    }
    expect(s.slackFirst).toMatchObject({ type: "header" });
    expect(JSON.stringify(s.slackFirst)).toContain(VERDICT[d.owner]);
    expect(s.teams.first).toContain(VERDICT[d.owner]);
    expect(s.text.startsWith(`[${OWNER_WORD[d.owner]}] ${d.statement}`)).toBe(true);
    for (const text of [s.slack.text, s.teams.text]) expect(text).toContain(d.statement);
  });

  it("the related questions and the close call", () => {
    if (d.kind !== "entry") return;
    const asks = (xs: Array<{ action: unknown }>) =>
      xs.flatMap((x) => {
        const act = x.action as { a?: string; q?: string } | null;
        return act?.a === "ask" && act.q ? [act.q] : [];
      });
    const expected = [
      ...(d.closeCall ? [d.closeCall.question] : []),
      ...relatedToShow(d).map((r) => r.question),
    ];
    expect(asks(s.slack.buttons)).toEqual(expected);
    expect(asks(s.teams.buttons)).toEqual(expected);
    for (const q of expected) expect(s.text).toContain(q);
    if (d.closeCall)
      for (const text of [s.slack.text, s.teams.text, s.text]) expect(text).toContain(d.closeCall.statement);
  });

  it("the suggestions", () => {
    if (d.kind !== "fallback") return;
    expect(a.suggestions.length).toBeGreaterThan(0);
    for (const q of a.suggestions) {
      expect(s.slack.buttons.some((b) => (b.action as { q?: string } | null)?.q === q)).toBe(true);
      expect(s.teams.buttons.some((b) => (b.action as { q?: string }).q === q)).toBe(true);
      expect(s.text).toContain(q);
    }
    for (const text of [s.slack.text, s.teams.text, s.text]) expect(text).toContain(a.headline);
  });
});
