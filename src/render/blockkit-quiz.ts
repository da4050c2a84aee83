// Quiz messages in Block Kit: the question, one person's result, the reveal and the leaderboard.

import { OWNER_LABEL } from "../engine/answer.js";
import type { Owner } from "../knowledge/schema.js";
import type { AnswerOutcome, LeaderboardView, QuizCardView, RevealView } from "../quiz/types.js";
import {
  ActionIds,
  actions,
  askButton,
  type BlockKitMessage,
  type Button,
  button,
  context,
  esc,
  fallbackText,
  fitBlocks,
  header,
  inert,
  OWNER_EMOJI,
  ownerTag,
  section,
  sections,
} from "./blockkit-kit.js";
import { FULL_ANSWER } from "./card-policy.js";

export function renderQuizCard(quiz: QuizCardView): BlockKitMessage {
  const ids = new ActionIds();
  const title =
    quiz.mode === "daily"
      ? `:brain: Daily quiz${quiz.slotDate ? ` · ${quiz.slotDate}` : ""}`
      : ":brain: Quiz";
  const choices = quiz.choices.map((c) =>
    button(ids, `${OWNER_EMOJI[c]} ${OWNER_LABEL[c]}`, { a: "quiz_answer", quiz: quiz.quizId, choice: c }),
  );
  const hint =
    quiz.mode === "daily"
      ? "Who owns this? Only you see your result; the answer is revealed with the next quiz."
      : "Who owns this?";
  return {
    text: fallbackText(
      `Quiz: ${quiz.prompt}\nWho owns this: ${quiz.choices.map((c) => OWNER_LABEL[c]).join(", ")}?`,
    ),
    blocks: fitBlocks([header(title), section(`*${esc(quiz.prompt)}*`), context(hint), ...actions(choices)]),
  };
}

export function renderQuizOutcome(outcome: AnswerOutcome, choice: Owner): BlockKitMessage {
  const ids = new ActionIds();
  const lines: string[] = [];
  switch (outcome.status) {
    case "recorded": {
      const right = outcome.correct === true;
      const correct = outcome.correctOwner;
      lines.push(
        right
          ? `:white_check_mark: *Correct: ${ownerTag(choice)}*`
          : `:x: *Not quite: you said ${ownerTag(choice)}${correct ? `, it's ${ownerTag(correct)}` : ""}*`,
      );
      break;
    }
    case "already_answered":
      lines.push(
        `You've already answered this one${outcome.correctOwner ? `: it's ${ownerTag(outcome.correctOwner)}` : ""}. Your first answer counts.`,
      );
      break;
    case "closed":
      lines.push(
        `This question is closed${outcome.correctOwner ? `: the answer was ${ownerTag(outcome.correctOwner)}` : ""}.`,
      );
      break;
    case "not_found":
      lines.push("I can't find that quiz question any more.");
      break;
    case "unavailable":
      lines.push(":warning: The quiz isn't available right now. Please try again in a few minutes.");
      break;
  }
  if (outcome.explanation) lines.push(esc(outcome.explanation));
  const score: string[] = [];
  if (outcome.earned !== undefined) score.push(`+${outcome.earned} points`);
  if (outcome.points !== undefined) score.push(`${outcome.points} points in total`);
  if (outcome.streak !== undefined && outcome.streak > 0) score.push(`:fire: streak ${outcome.streak}`);
  const buttons: Button[] = [];
  if (outcome.learnMore) buttons.push(askButton(ids, FULL_ANSWER, outcome.learnMore));
  if (outcome.status !== "unavailable") buttons.push(button(ids, "Another question", { a: "quiz_new" }));
  return {
    text: fallbackText(plainOf([...lines, score.join(" · ")])),
    blocks: fitBlocks([
      ...sections(lines),
      ...(score.length ? [context(score.join(" · "))] : []),
      ...actions(buttons),
    ]),
  };
}

export function renderReveal(reveal: RevealView): BlockKitMessage {
  const ids = new ActionIds();
  const tally = `${reveal.correctCount} of ${reveal.answered} answered correctly`;
  return {
    text: fallbackText(
      `Quiz answer: ${OWNER_LABEL[reveal.correctOwner]}. ${reveal.prompt} ${reveal.explanation} (${tally})`,
    ),
    blocks: fitBlocks([
      header(":mega: Quiz answer"),
      context(`_${esc(reveal.prompt)}_`),
      section(
        `${OWNER_EMOJI[reveal.correctOwner]} *${OWNER_LABEL[reveal.correctOwner]}*\n${esc(reveal.explanation)}`,
      ),
      context(tally),
      ...actions([button(ids, "Practice question", { a: "quiz_new" })]),
    ]),
  };
}

const MEDALS = [":first_place_medal:", ":second_place_medal:", ":third_place_medal:"];
/** A medal is earned: nobody is on the podium with no points. */
function rankMark(i: number, points: number): string {
  return (points > 0 && MEDALS[i]) || `${i + 1}.`;
}

export function renderLeaderboard(board: LeaderboardView): BlockKitMessage {
  const ids = new ActionIds();
  const title = `:trophy: Leaderboard · ${board.period === "week" ? "this week" : "all time"}`;
  const lines = board.rows.map((r, i) => {
    // Names, not <@mentions>: a leaderboard should not ping everyone on it.
    const name = r.userName ? inert(r.userName, 64) : "Someone";
    const streak = r.streak > 0 ? ` · :fire: ${r.streak}` : "";
    return `${rankMark(i, r.points)} *${name}*: ${r.points} points (${r.correct}/${r.answered} correct)${streak}`;
  });
  const body = lines.length
    ? sections(lines)
    : [section("No scores yet: answer a quiz question to get on the board.")];
  return {
    text: fallbackText(plainOf([title, ...lines]) || title),
    blocks: fitBlocks([header(title), ...body, ...actions([button(ids, "Quiz me", { a: "quiz_new" })])]),
  };
}

/** The fallback `text` of a quiz message: the mrkdwn lines without emoji codes or bold marks. */
function plainOf(lines: string[]): string {
  return lines
    .filter(Boolean)
    .join("\n")
    .replace(/:[a-z_]+:\s?/g, "")
    .replace(/\*/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
