// Every Reply from src/conversation/respond.ts as one Adaptive Card plus a one-line summary, so the Teams
// bot and the playground draw exactly the same thing for the same input.

import type { Reply } from "../conversation/respond.js";
import { answerSummary, renderAdaptiveCard } from "./adaptive-answer.js";
import { actionSet, ask, card, heading, label, neutralise, ownerTag, para, run } from "./adaptive-parts.js";
import {
  quizSummary,
  renderLeaderboard,
  renderQuizCard,
  renderQuizOutcome,
  renderReveal,
} from "./adaptive-quiz.js";
import type { AdaptiveCard } from "./adaptive-types.js";
import { voteNote } from "./card-policy.js";

export interface RenderedReply {
  card: AdaptiveCard;
  /** Plain one-liner: the activity summary (notifications, chat list previews). */
  summary: string;
}

export interface ReplyRenderOptions {
  /** Platform hint for the help and welcome cards, e.g. how to mention the bot in a channel. */
  tip?: string;
}

export function renderReply(reply: Reply, opts: ReplyRenderOptions = {}): RenderedReply {
  switch (reply.kind) {
    case "answer":
      return {
        card: renderAdaptiveCard(reply.answer, { tip: opts.tip }),
        summary: answerSummary(reply.answer),
      };
    case "feedback":
      return reply.answer
        ? {
            card: renderAdaptiveCard(reply.answer, {
              feedback: { helpful: reply.helpful, counted: reply.counted },
              tip: opts.tip,
            }),
            summary: answerSummary(reply.answer),
          }
        : renderNotice(reply.counted ? "Thanks for the feedback!" : voteNote(reply.helpful, false));
    case "quiz":
      return { card: renderQuizCard(reply.quiz), summary: quizSummary(reply.quiz) };
    case "quiz_outcome": {
      const c = renderQuizOutcome(reply.outcome, reply.choice);
      return { card: c, summary: c.fallbackText.split("\n")[0] ?? "Quiz answer" };
    }
    case "reveal":
      return {
        card: renderReveal(reply.reveal),
        summary: `Quiz answer: ${ownerTag(reply.reveal.correctOwner)}`,
      };
    case "leaderboard":
      return { card: renderLeaderboard(reply.board), summary: "Quiz leaderboard" };
    case "welcome":
      return { card: renderWelcome(reply.examples, opts.tip), summary: WELCOME_SUMMARY };
    case "notice":
      return renderNotice(reply.text, reply.tone);
  }
}

const WELCOME_SUMMARY = "Hi, I'm srm-bot: ask me who owns what under the AWS Shared Responsibility Model.";

export function renderWelcome(examples: string[], tip?: string): AdaptiveCard {
  const intro =
    "I answer who owns what under the AWS Shared Responsibility Model (AWS, you, or both) and run a daily quiz.";
  return card(
    [
      label("**👋 Hi, I'm srm-bot**", { size: "Medium" }),
      para([intro], { spacing: "Small" }),
      ...(tip ? [label(tip, { isSubtle: true, spacing: "Small" })] : []),
      heading("Try asking"),
      ...actionSet(examples.map((q) => ask(q, q))),
      label("Type **help** for the commands, or **quiz** for a question.", {
        isSubtle: true,
        spacing: "Medium",
      }),
    ],
    `${WELCOME_SUMMARY}\n\nTry: ${examples.join(" · ")}\n\nType help for the commands, or quiz for a question.`,
    { speak: WELCOME_SUMMARY },
  );
}

/** Short messages; their text may quote what the user typed (command arguments), so it stays a plain run. */
export function renderNotice(text: string, tone: "info" | "warning" = "info"): RenderedReply {
  const safe = neutralise(text, 1000);
  return {
    card: card([para([run(safe, tone === "warning" ? { color: "Warning" } : {})])], safe),
    summary: safe,
  };
}
