// Adaptive Cards (schema 1.5) for Teams and the playground: a thin serialiser of the card view (view.ts).
// Everything but srm-bot's own headings goes into TextRuns, which no host reads as markdown; what a person
// typed is neutralised on top.

import type { Reply } from "../conversation/respond.js";
import type { Answer } from "../engine/answer.js";
import type { Owner } from "../knowledge/schema.js";
import type { QuizCardView } from "../quiz/types.js";
import {
  actionSet,
  card,
  execute,
  label,
  neutralise,
  OWNER_COLOR,
  para,
  run,
  stripMarkdown,
  submit,
} from "./adaptive-parts.js";
import type {
  AdaptiveCard,
  CardButton,
  CardElement,
  ColumnSet,
  RichTextBlock,
  TextRun,
} from "./adaptive-types.js";
import { COPY, OWNER_WORD, VERDICT } from "./copy.js";
import { renderViewText } from "./text.js";
import {
  type ButtonView,
  type CardView,
  ICONS,
  type Icon,
  type Line,
  OWNER_ICON,
  type Part,
} from "./view.js";
import { answerView } from "./view-answer.js";
import { type HomeView, homeView, quizView, renderersOf, replyView } from "./view-reply.js";

export { neutralise } from "./adaptive-parts.js";
export { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from "./adaptive-types.js";

type RunStyle = Omit<TextRun, "type" | "text">;
const glyph = (o: Owner) => ICONS[OWNER_ICON[o]];
const pic = (i: Icon | undefined) => (i ? `${ICONS[i]} ` : "");

/** A line as TextRuns, neighbours of the same style joined so a sentence stays one run. */
function runs(line: Line, base: RunStyle = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const i of typeof line === "string" ? [line] : line) {
    let r: TextRun;
    if (typeof i === "string") r = run(i, base);
    else if ("icon" in i) r = run(ICONS[i.icon], base);
    else if ("owner" in i)
      r = run(i.word ? `${glyph(i.owner)} ${OWNER_WORD[i.owner]}` : glyph(i.owner), base);
    else
      r = run(i.user ? neutralise(i.text, 1000) : i.text, {
        ...base,
        ...(i.strong ? { weight: "Bolder" as const } : {}),
        ...(i.em ? { italic: true } : {}),
        ...(i.code ? { fontType: "Monospace" as const } : {}),
      });
    const last = out.at(-1);
    const { text: _a, ...ls } = last ?? { text: "" };
    const { text: _b, ...rs } = r;
    if (last && JSON.stringify(ls) === JSON.stringify(rs)) last.text += r.text;
    else out.push(r);
  }
  return out.filter((r) => r.text !== "");
}

const NOTE: RunStyle = { isSubtle: true, size: "Small" };

function paragraph(line: Line, style: RunStyle = {}, lead?: Icon): RichTextBlock {
  // The icon joins the line's first run: a sentence stays one run.
  const items = typeof line === "string" ? [line] : line;
  return para(runs(lead ? [{ icon: lead }, " ", ...items] : items, style), { spacing: "Small" });
}

function title(text: string | undefined, owner?: Owner): CardElement[] {
  if (!text) return [];
  const color = owner ? { color: OWNER_COLOR[owner] } : {};
  return [
    para([...(owner ? [run(`${glyph(owner)} `)] : []), run(text, { weight: "Bolder", ...color })], {
      spacing: "Medium",
    }),
  ];
}

function cardButton(b: ButtonView): CardButton {
  if ("url" in b) return { type: "Action.OpenUrl", title: b.label, url: b.url };
  const text = `${b.owner ? `${glyph(b.owner)} ` : ""}${pic(b.icon)}${b.label}`;
  // Private buttons answer only the person who pressed (Universal Actions): quiz choices.
  return b.private ? execute(text, b.action) : submit(text, b.action, b.primary ? "positive" : undefined);
}

const bullet = (i: Line) =>
  para(typeof i === "string" ? [run(`• ${i}`)] : [run("• "), ...runs(i)], { spacing: "Small" });

function elements(p: Part): CardElement[] {
  switch (p.type) {
    case "text":
      return [...title(p.title, p.owner), paragraph(p.text, p.note ? NOTE : {}, p.icon)];
    case "list":
      return [...title(p.title, p.owner), ...p.items.map(bullet)];
    case "pair":
      return p.cells.flatMap((c) => [...title(c.title, c.owner), ...c.items.map(bullet)]);
    case "table":
      return p.rows.map((r): ColumnSet => {
        const value = { type: "Column" as const, width: 5, items: [paragraph(r.value)] };
        return {
          type: "ColumnSet",
          spacing: "Small",
          columns: [
            { type: "Column", width: 2, items: [paragraph(r.label)] },
            r.question
              ? { ...value, selectAction: submit(r.question, { a: "ask", q: r.question.slice(0, 500) }) }
              : value,
          ],
        };
      });
    case "facts":
      return [
        ...title(p.title),
        ...p.facts.map((f) =>
          para([run(f.title, { weight: "Bolder" }), run(` — ${f.value}`)], { spacing: "Small" }),
        ),
      ];
    case "buttons":
      return [...title(p.title), ...actionSet(p.buttons.map(cardButton))];
    case "offer":
      return [...title(p.title), paragraph(p.text), ...actionSet([cardButton(p.button)])];
    case "heading":
      return [
        para([run(`${pic(p.icon)}${p.text}`, { size: "Large", weight: "Bolder" })], { spacing: "Large" }),
      ];
    case "group":
      return [
        {
          type: "Container",
          separator: true,
          spacing: "Medium",
          items: [...(p.title ? [paragraph(p.title, { size: "Medium" })] : []), ...p.parts.flatMap(elements)],
        },
      ];
  }
}

function headElements(head: NonNullable<CardView["head"]>): CardElement[] {
  const out: CardElement[] = [];
  // The verdict is what the reader came for: the largest, boldest line, in the owner's Teams colour role on
  // the card's own background (a tinted band under coloured text fails contrast), and always in words.
  if (head.verdict)
    out.push(
      label(`${glyph(head.verdict)} **${VERDICT[head.verdict]}**`, {
        size: "Large",
        weight: "Bolder",
        color: OWNER_COLOR[head.verdict],
      }),
    );
  if (head.title !== undefined)
    out.push(paragraph(head.title, { weight: "Bolder", size: head.verdict ? "Medium" : "Large" }, head.icon));
  if (head.sub) out.push(para(runs(head.sub, NOTE), { spacing: "None" }));
  return out;
}

export function cardOf(view: CardView): AdaptiveCard {
  const body: CardElement[] = [
    ...(view.head ? headElements(view.head) : []),
    ...view.parts.flatMap(elements),
  ];
  const foot = { isSubtle: true, size: "Small" as const, separator: true, spacing: "Medium" as const };
  if (view.source) {
    const t = stripMarkdown(view.source.title);
    // Source URLs are validated against AWS domains when the knowledge base loads.
    const link = view.source.url && /^https:\/\//.test(view.source.url) ? `[${t}](${view.source.url})` : t;
    body.push(label(`${COPY.source}${link}${COPY.reviewed(view.source.reviewed)}`, foot));
  }
  if (view.status) body.push(para(runs(view.status, NOTE), { separator: true, spacing: "Medium" }));
  const actions = view.actions.map(cardButton);
  const fallback = renderViewText(view, undefined, (s) => neutralise(s, 1000));
  return card(body, fallback, {
    speak: neutralise(view.summary, 1000),
    ...(actions.length ? { actions } : {}),
  });
}

export interface AnswerCardOptions {
  /** Set once someone voted: the card then says what the vote did instead of offering the buttons again. */
  feedback?: { helpful: boolean; counted?: boolean } | null;
  /** Leave out the helpful / not helpful buttons (e.g. inside another card). */
  hideFeedback?: boolean;
  /** A platform hint shown on the help card, e.g. how to mention the bot in a channel. */
  tip?: string;
}

export function renderAdaptiveCard(answer: Answer, opts: AnswerCardOptions = {}): AdaptiveCard {
  const vote = opts.feedback
    ? { helpful: opts.feedback.helpful, counted: opts.feedback.counted !== false }
    : null;
  return cardOf(answerView(answer, { vote, hideVote: opts.hideFeedback, tip: opts.tip }));
}

export interface RenderedReply {
  card: AdaptiveCard;
  /** Plain one-liner: the activity summary (notifications, chat list previews). */
  summary: string;
}

export interface ReplyRenderOptions {
  /** Platform hint for the help and welcome cards, e.g. how to mention the bot in a channel. */
  tip?: string;
}

const rendered = (view: CardView): RenderedReply => ({
  card: cardOf(view),
  summary: neutralise(view.summary, 1000),
});

export const renderReply = (reply: Reply, opts: ReplyRenderOptions = {}) => rendered(replyView(reply, opts));
export const { renderQuizCard, renderQuizOutcome, renderReveal, renderLeaderboard } = renderersOf(cardOf);
export const { renderNotice } = renderersOf(rendered);
export const quizSummary = (quiz: QuizCardView) => quizView(quiz).summary;
/** The App Home tab as a card: Slack has the tab, the playground previews it on both surfaces. */
export const renderHomeCard = (view: HomeView) => cardOf(homeView(view));
