// Every Reply from src/conversation/respond.ts as one Block Kit message, so Slack draws the same thing the
// Teams card and the playground show for the same input.

import type { Reply } from "../conversation/respond.js";
import { type BlockKitOptions, renderBlockKit } from "./blockkit-answer.js";
import {
  ActionIds,
  actions,
  askButton,
  type BlockKitMessage,
  context,
  esc,
  fallbackText,
  inert,
  section,
} from "./blockkit-kit.js";
import { renderLeaderboard, renderQuizCard, renderQuizOutcome, renderReveal } from "./blockkit-quiz.js";
import { voteNote } from "./card-policy.js";

export function renderReply(reply: Reply, opts: BlockKitOptions = {}): BlockKitMessage {
  switch (reply.kind) {
    case "answer":
      return renderBlockKit(reply.answer, opts);
    case "feedback":
      return reply.answer
        ? renderBlockKit(reply.answer, { ...opts, feedback: reply.counted ? "thanks" : "already" })
        : renderNotice(reply.counted ? "Thanks for the feedback!" : voteNote(reply.helpful, false));
    case "quiz":
      return renderQuizCard(reply.quiz);
    case "quiz_outcome":
      return renderQuizOutcome(reply.outcome, reply.choice);
    case "reveal":
      return renderReveal(reply.reveal);
    case "leaderboard":
      return renderLeaderboard(reply.board);
    case "welcome":
      return renderWelcome(reply.examples);
    case "notice":
      return renderNotice(reply.text, reply.tone);
  }
}

const WELCOME = "Hi, I'm srm-bot: ask me who owns what under the AWS Shared Responsibility Model.";

export function renderWelcome(examples: string[]): BlockKitMessage {
  const ids = new ActionIds();
  return {
    text: fallbackText(`${WELCOME} Try: ${examples.join(" · ")}`),
    blocks: [
      section(`:wave: ${esc(WELCOME)}`),
      context("*Try asking*"),
      ...actions(examples.map((q) => askButton(ids, q, q))),
      context("Type `/srm help` for the commands, or `/srm quiz` for a question."),
    ],
  };
}

/** Short messages; their text may quote what the user typed (command arguments), so it is made inert. */
export function renderNotice(text: string, tone: "info" | "warning" = "info"): BlockKitMessage {
  const safe = inert(text, 1000);
  return {
    text: fallbackText(text),
    blocks: [section(`${tone === "warning" ? ":warning: " : ""}${safe}`)],
  };
}
