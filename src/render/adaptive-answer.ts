// Answers as Adaptive Cards (schema 1.5).
// Same content as the Slack card: owner at a glance, rationale, caveats, what the other party still owns,
// source and review date, related questions, "did you mean", and helpful / not helpful.

import { feedbackTarget, isRated } from "../conversation/feedback.js";
import type {
  Answer,
  CompareDetail,
  ControlsDetail,
  EntryDetail,
  EntryRef,
  FallbackDetail,
  HelpDetail,
  ModelDetail,
  ServiceDetail,
} from "../engine/answer.js";
import type { Owner } from "../knowledge/schema.js";
import {
  actionSet,
  ask,
  bullet,
  card,
  heading,
  label,
  neutralise,
  OWNER_BADGE,
  ownerTag,
  para,
  run,
  stripMarkdown,
  submit,
} from "./adaptive-parts.js";
import type {
  AdaptiveCard,
  CardButton,
  CardElement,
  Column,
  ColumnSet,
  Container,
} from "./adaptive-types.js";
import {
  compareNotes,
  MAX_RELATED,
  relatedToShow,
  unknownModelNote,
  unknownServiceNote,
  voteNote,
} from "./card-policy.js";
import { renderText } from "./text.js";

export interface AnswerCardOptions {
  /** Set once someone voted: the card then thanks them instead of offering the buttons again. */
  feedback?: { helpful: boolean; counted?: boolean } | null;
  /** Leave out the helpful / not helpful buttons (e.g. inside another card). */
  hideFeedback?: boolean;
  /** A platform hint shown on the help card, e.g. how to mention the bot in a channel. */
  tip?: string;
}

export function renderAdaptiveCard(answer: Answer, opts: AnswerCardOptions = {}): AdaptiveCard {
  const body = answerBody(answer, opts);
  const actions = isRated(answer) ? feedbackActions(answer, opts) : [];
  return card(body.concat(feedbackState(opts)), renderText(answer), {
    speak: answer.headline,
    ...(actions.length ? { actions } : {}),
  });
}

/** One line for notifications and the activity summary. */
export function answerSummary(answer: Answer): string {
  return answer.headline;
}

function answerBody(answer: Answer, opts: AnswerCardOptions): CardElement[] {
  const d = answer.detail;
  switch (d.kind) {
    case "entry":
      return entryBody(d);
    case "service":
      return serviceBody(d);
    case "models":
      return modelsBody(answer.headline, d);
    case "controls":
      return controlsBody(answer.headline, d);
    case "compare":
      return compareBody(d);
    case "help":
      return helpBody(answer.headline, d, opts.tip);
    case "command":
      return [para([renderText(answer)])];
    case "fallback":
      return fallbackBody(answer, d);
  }
}

/**
 * The verdict is what the reader came for: the largest, boldest line, in the owner's Teams colour role on the
 * card's own background (a tinted band under coloured text fails contrast), and always in words.
 */
function ownerHeader(owner: Owner, title: string, subtitle?: string): Container {
  const b = OWNER_BADGE[owner];
  return {
    type: "Container",
    items: [
      label(`${b.emoji} **${b.verdict}**`, { color: b.color, size: "Large", weight: "Bolder" }),
      para([run(title, { size: "Default", weight: "Bolder" })], { spacing: "Small" }),
      ...(subtitle ? [para([run(subtitle, { isSubtle: true, size: "Small" })], { spacing: "None" })] : []),
    ],
  };
}

function entryBody(d: EntryDetail): CardElement[] {
  const applies = d.services.length ? `Applies to ${d.services.map((s) => s.name).join(", ")}` : undefined;
  // An answer from the responsibility model says so, beside what it applies to.
  const services =
    d.basis === "rule" && d.ruleLabel ? [d.ruleLabel, applies].filter(Boolean).join(" · ") : applies;
  const body: CardElement[] = [ownerHeader(d.owner, d.statement, services), para([d.rationale])];
  if (d.caveats.length) {
    body.push(heading("Depends on the service model"));
    for (const c of d.caveats)
      body.push(bullet(c.text, `${c.label}${c.owner ? ` (${ownerTag(c.owner)})` : ""}:`));
  }
  const other =
    d.owner === "aws"
      ? "What you still own"
      : d.owner === "customer"
        ? "What AWS still owns"
        : "How it splits";
  body.push(heading(other), para([d.otherParty], { spacing: "Small" }));
  if (d.closeCall) {
    body.push(
      heading("You may also mean"),
      para([`${d.closeCall.statement} (${ownerTag(d.closeCall.owner)})`], { spacing: "Small" }),
      ...actionSet([ask(d.closeCall.question, d.closeCall.question)]),
    );
  }
  const related = relatedToShow(d);
  if (related.length) body.push(heading("Related questions"), ...actionSet(related.map(refButton)));
  body.push(sourceLine(d.source, d.reviewed));
  return body;
}

function refButton(r: EntryRef): CardButton {
  return ask(`${OWNER_BADGE[r.owner].emoji} ${r.question}`, r.question);
}

function sourceLine(source: { title: string; url?: string }, reviewed: string): CardElement {
  const title = stripMarkdown(source.title);
  // Source URLs are validated against AWS domains when the knowledge base loads.
  const link = source.url && /^https:\/\//.test(source.url) ? `[${title}](${source.url})` : title;
  return label(`Source: ${link} · reviewed ${reviewed}`, {
    isSubtle: true,
    size: "Small",
    separator: true,
    spacing: "Medium",
  });
}

function serviceBody(d: ServiceDetail): CardElement[] {
  const body: CardElement[] = [
    {
      type: "Container",
      style: "emphasis",
      bleed: true,
      items: [
        para([run(d.name, { size: "Large", weight: "Bolder" })]),
        para([run(`Service model: ${d.modelName}`, { isSubtle: true })], { spacing: "None" }),
      ],
    },
    para([d.summary]),
  ];
  const side = (owner: Owner, title: string, refs: EntryRef[]) => {
    if (!refs.length) return;
    body.push(
      label(`${OWNER_BADGE[owner].emoji} **${title}**`, {
        color: OWNER_BADGE[owner].color,
        spacing: "Medium",
      }),
    );
    for (const r of refs) body.push(bullet(r.statement));
  };
  side("aws", "AWS owns", d.aws);
  side("customer", "You own", d.customer);
  side("shared", "Shared", d.shared);
  const asks = [...d.customer, ...d.shared].slice(0, MAX_RELATED);
  if (asks.length) body.push(heading("Ask about"), ...actionSet(asks.map(refButton)));
  if (d.url && /^https:\/\//.test(d.url))
    body.push(
      ...actionSet([{ type: "Action.OpenUrl", title: `${stripMarkdown(d.name)} on AWS`, url: d.url }]),
    );
  return body;
}

function modelsBody(headline: string, d: ModelDetail): CardElement[] {
  // One model: its summary is the headline, said once below its name.
  const body: CardElement[] = d.models.length > 1 ? [para([run(headline, { weight: "Bolder" })])] : [];
  const unknown = unknownModelNote(d, (s) => neutralise(s, 100));
  if (unknown) body.unshift(para([run(`⚠️ ${unknown}`, { weight: "Bolder" })]));
  for (const m of d.models) {
    const items: CardElement[] = [
      para([run(m.name, { weight: "Bolder", size: "Medium" })]),
      para([m.summary], { spacing: "Small" }),
      label(`${OWNER_BADGE.aws.emoji} **AWS handles**`, { spacing: "Small" }),
      ...m.aws.map((s) => bullet(s)),
      label(`${OWNER_BADGE.customer.emoji} **You handle**`, { spacing: "Small" }),
      ...m.customer.map((s) => bullet(s)),
    ];
    if (m.examples.length)
      items.push(
        para([run(`e.g. ${m.examples.map((e) => e.name).join(", ")}`, { isSubtle: true, size: "Small" })], {
          spacing: "Small",
        }),
      );
    body.push({ type: "Container", separator: true, spacing: "Medium", items });
  }
  return body;
}

function controlsBody(headline: string, d: ControlsDetail): CardElement[] {
  const body: CardElement[] = [para([run(headline, { weight: "Bolder" })])];
  for (const c of d.controls) {
    body.push({
      type: "Container",
      separator: true,
      spacing: "Medium",
      items: [
        para([run(c.name, { weight: "Bolder" })]),
        para([c.summary], { spacing: "Small" }),
        para([run(`${OWNER_BADGE.aws.emoji} AWS: `, { weight: "Bolder" }), run(c.aws)], { spacing: "Small" }),
        para([run(`${OWNER_BADGE.customer.emoji} You: `, { weight: "Bolder" }), run(c.customer)], {
          spacing: "Small",
        }),
      ],
    });
  }
  return body;
}

function compareBody(d: CompareDetail): CardElement[] {
  const row = (cells: [CardElement, CardElement, CardElement], question?: string): ColumnSet => {
    // Weights, not "auto": every row must line up with the header.
    const widths = [2, 2, 5];
    const columns: Column[] = cells.map((c, i) => ({ type: "Column", width: widths[i], items: [c] }));
    const last = columns[2];
    if (question && last) last.selectAction = submit(question, { a: "ask", q: question.slice(0, 500) });
    return { type: "ColumnSet", columns, spacing: "Small" };
  };
  const body: CardElement[] = [
    para([run(`${d.topicName} across services`, { size: "Medium", weight: "Bolder" })]),
    ...compareNotes(d).map((n) => para([run(`ℹ️ ${n}`, { isSubtle: true })], { spacing: "Small" })),
  ];
  body.push(row([label("**Service**"), label("**Owner**"), label("**Task**")]));
  for (const r of d.rows) {
    body.push(
      row(
        [
          para([run(r.service.name, { weight: "Bolder" })]),
          para([r.owner ? ownerTag(r.owner) : "—"]),
          para([run(r.entry?.statement ?? "No entry on this topic yet", { isSubtle: !r.entry })]),
        ],
        r.entry?.question,
      ),
    );
  }
  // A button for every row: the comparison already holds no more services than a card fits.
  const asks = d.rows.flatMap((r) => (r.entry ? [r.entry] : []));
  if (asks.length) body.push(heading("Full answer for one service"), ...actionSet(asks.map(refButton)));
  return body;
}

function helpBody(headline: string, d: HelpDetail, tip?: string): CardElement[] {
  const body: CardElement[] = [para([headline])];
  if (tip) body.push(label(tip, { isSubtle: true, spacing: "Small" }));
  body.push(heading("Try asking"), ...actionSet(d.examples.slice(0, 5).map((q) => ask(q, q))));
  body.push(heading("Commands"), {
    type: "FactSet",
    facts: d.commands.map((c) => ({ title: commandWords(c.command), value: commandWords(c.description) })),
  });
  return body;
}

/** Command help is written for chat: angle brackets would read as HTML and backticks are not markdown here. */
function commandWords(s: string): string {
  return s.replace(/</g, "‹").replace(/>/g, "›").replace(/`/g, "");
}

function fallbackBody(answer: Answer, d: FallbackDetail): CardElement[] {
  const body: CardElement[] = [para([run(answer.headline, { weight: "Bolder" })])];
  const unknown = unknownServiceNote(d, (s) => neutralise(s, 100));
  if (unknown) body.push(para([run(unknown)], { spacing: "Small" }));
  else if (answer.question)
    body.push(
      para(
        [
          run("You asked: ", { isSubtle: true }),
          run(neutralise(answer.question), { isSubtle: true, italic: true }),
        ],
        {
          spacing: "Small",
        },
      ),
    );
  if (answer.suggestions.length) {
    body.push(heading(d.reason === "low_confidence" ? "Did you mean" : "You could ask"));
    body.push(...actionSet(answer.suggestions.map((q) => ask(q, q))));
  }
  return body;
}

function feedbackActions(answer: Answer, opts: AnswerCardOptions): CardButton[] {
  if (opts.hideFeedback || opts.feedback) return [];
  const base = { a: "feedback" as const, target: feedbackTarget(answer), q: answer.question.slice(0, 500) };
  return [
    submit("👍 Helpful", { ...base, helpful: true }),
    submit("👎 Not helpful", { ...base, helpful: false }),
  ];
}

function feedbackState(opts: AnswerCardOptions): CardElement[] {
  if (!opts.feedback) return [];
  return [
    label(
      `${opts.feedback.helpful ? "👍" : "👎"} ${voteNote(opts.feedback.helpful, opts.feedback.counted !== false)}`,
      {
        isSubtle: true,
        size: "Small",
        separator: true,
        spacing: "Medium",
      },
    ),
  ];
}
