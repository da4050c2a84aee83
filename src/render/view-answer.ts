// An Answer as a card view: one builder per Answer kind, the same for every surface.

import { feedbackTarget } from "../conversation/feedback.js";
import type { Answer, EntryDetail, EntryRef, FallbackDetail, HelpDetail } from "../engine/answer.js";
import { buttonLabel, isRated, MAX_EXAMPLES, relatedToShow } from "./card-policy.js";
import { COPY } from "./copy.js";
import { type ButtonView, type CardView, type Part, strong, tag, typed } from "./view.js";
import { compareParts, controlParts, modelParts, serviceParts } from "./view-overview.js";

export interface AnswerViewOptions {
  /** Set once someone voted: the card says what the vote did instead of offering the buttons. */
  vote?: { helpful: boolean; counted: boolean } | null;
  /** No vote buttons (e.g. an answer shown inside another message). */
  hideVote?: boolean;
  /** Adds "Share in channel": for answers only the asker can see. */
  share?: boolean;
  /** Quotes the question above the card, where the surface shows none. */
  quote?: boolean;
  /** How commands are written on the help card ("/srm ", "@srm-bot ", or nothing). */
  commandPrefix?: string;
  /** A platform hint on the help card, e.g. how to mention the bot in a channel. */
  tip?: string;
}

/** What a suggestion looks like everywhere: the owner's glyph, then the question it asks. */
export function askRef(ref: EntryRef, label = ref.question): ButtonView {
  return { ...ask(ref.question, label), owner: ref.owner };
}

export function ask(question: string, label = question): ButtonView {
  return { label: buttonLabel(label), action: { a: "ask", q: question.slice(0, 500) } };
}

export function answerView(answer: Answer, opts: AnswerViewOptions = {}): CardView {
  const view = body(answer, opts);
  if (opts.quote && answer.question) view.quote = answer.question;
  if (isRated(answer)) {
    if (opts.vote)
      view.status = [
        { icon: opts.vote.helpful ? "thumbsup" : "thumbsdown" },
        ` ${COPY.voted(opts.vote.helpful, opts.vote.counted)}`,
      ];
    else if (!opts.hideVote) {
      const vote = (helpful: boolean): ButtonView => ({
        label: helpful ? COPY.helpful : COPY.notHelpful,
        icon: helpful ? "thumbsup" : "thumbsdown",
        action: { a: "feedback", target: feedbackTarget(answer), q: answer.question.slice(0, 500), helpful },
      });
      view.actions.push(vote(true), vote(false));
    }
  }
  if (opts.share && answer.question && answer.detail.kind !== "fallback")
    view.actions.push({
      label: COPY.share,
      icon: "mega",
      primary: true,
      action: { a: "share", q: answer.question.slice(0, 500) },
    });
  return view;
}

function body(a: Answer, opts: AnswerViewOptions): CardView {
  const d = a.detail;
  const view = (parts: Part[], head?: CardView["head"]): CardView => ({
    head,
    parts,
    actions: [],
    summary: a.headline,
  });
  switch (d.kind) {
    case "entry":
      return { ...view(entryParts(d), entryHead(d)), source: { ...d.source, reviewed: d.reviewed } };
    case "service":
      return view(serviceParts(d), { title: COPY.serviceTitle(d.name), sub: COPY.serviceModel(d.modelName) });
    case "models":
      // A name that is no model: what was typed is said back first, in place of a title.
      return view(
        modelParts(a.headline, d),
        d.unknown
          ? undefined
          : { title: d.models.length === 1 ? (d.models[0]?.name ?? "") : COPY.modelsTitle },
      );
    case "controls":
      return view(controlParts(a.headline, d), { title: COPY.controlsTitle });
    case "compare":
      return view(compareParts(d), { title: COPY.compareTitle(d.topicName) });
    case "help":
      return view(helpParts(a.headline, d, opts));
    case "command":
      return view([
        {
          type: "text",
          icon: d.command === "quiz" ? "brain" : "trophy",
          text: d.command === "quiz" ? COPY.commandQuiz : COPY.commandLeaderboard,
        },
      ]);
    case "fallback":
      return view(fallbackParts(a, d, opts.quote === true));
  }
}

function entryHead(d: EntryDetail): CardView["head"] {
  const sub = [
    ...(d.basis === "rule" && d.ruleLabel ? [d.ruleLabel] : []),
    ...(d.services.length ? [COPY.appliesTo(d.services.map((s) => s.name).join(", "))] : []),
  ].join(" · ");
  return { verdict: d.owner, title: d.statement, ...(sub ? { sub } : {}) };
}

function entryParts(d: EntryDetail): Part[] {
  const parts: Part[] = [{ type: "text", text: d.rationale }];
  if (d.caveats.length)
    parts.push({
      type: "list",
      title: COPY.dependsOnModel,
      items: d.caveats.map((c) => [
        strong(c.label),
        ...(c.owner && c.owner !== d.owner ? [" (", tag(c.owner), ")"] : []),
        // Bold too, so the caveat's own text stays a run of its own.
        strong(": "),
        c.text,
      ]),
    });
  parts.push({ type: "text", title: COPY.otherParty[d.owner], text: d.otherParty });
  if (d.closeCall)
    parts.push({
      type: "offer",
      title: COPY.mayAlsoMean,
      text: [d.closeCall.statement, " (", tag(d.closeCall.owner), ")"],
      button: askRef(d.closeCall),
    });
  const related = relatedToShow(d);
  if (related.length)
    parts.push({ type: "buttons", title: COPY.related, buttons: related.map((r) => askRef(r)) });
  return parts;
}

/** Command help is written for chat: angle brackets and backticks read as mark-up on some surfaces. */
function commandWords(s: string): string {
  return s.replace(/</g, "‹").replace(/>/g, "›").replace(/`/g, "");
}

function helpParts(headline: string, d: HelpDetail, opts: AnswerViewOptions): Part[] {
  const prefix = opts.commandPrefix ?? "";
  return [
    { type: "text", icon: "wave", text: headline },
    ...(opts.tip ? [{ type: "text" as const, note: true, text: opts.tip }] : []),
    { type: "buttons", title: COPY.tryAsking, buttons: d.examples.slice(0, MAX_EXAMPLES).map((q) => ask(q)) },
    {
      type: "facts",
      title: COPY.commands,
      facts: d.commands.map((c) => ({
        title: commandWords(prefix + c.command),
        value: commandWords(c.description),
      })),
    },
    {
      type: "text",
      note: true,
      text: (["aws", "customer", "shared"] as const).flatMap((o) => [{ owner: o }, ` ${COPY.legend[o]}   `]),
    },
  ];
}

/** Every out-of-scope, unclear or empty question gets this one kind of reply, on every surface. */
function fallbackParts(a: Answer, d: FallbackDetail, quoted: boolean): Part[] {
  const parts: Part[] = [{ type: "text", icon: "thinking_face", text: [strong(a.headline)] }];
  if (d.unknownService)
    parts.push({
      type: "text",
      note: true,
      text: [COPY.noService, typed(d.unknownService.slice(0, 100)), COPY.noServiceEnd],
    });
  else if (a.question && !quoted)
    parts.push({
      type: "text",
      note: true,
      text: [COPY.youAsked, { text: a.question.slice(0, 200), user: true, em: true }],
    });
  if (a.suggestions.length)
    parts.push({
      type: "buttons",
      title: d.reason === "low_confidence" ? COPY.didYouMean : COPY.youCouldAsk,
      buttons: a.suggestions.map((q) => ask(q)),
    });
  return parts;
}
