// Quiz cards: the question, one person's result, the reveal and the leaderboard.

import type { Owner } from "../knowledge/schema.js";
import type { AnswerOutcome, LeaderboardView, QuizCardView, RevealView } from "../quiz/types.js";
import {
  ask,
  card,
  execute,
  label,
  neutralise,
  OWNER_BADGE,
  ownerTag,
  para,
  run,
  submit,
} from "./adaptive-parts.js";
import type { AdaptiveCard, CardButton, CardElement, Column, ColumnSet } from "./adaptive-types.js";
import { FULL_ANSWER } from "./card-policy.js";

/**
 * The answer buttons are Action.Execute: in Teams the result then goes back to the one person who
 * pressed, as a card only they see, so a channel quiz does not give the answer away.
 */
export function renderQuizCard(quiz: QuizCardView): AdaptiveCard {
  const title =
    quiz.mode === "daily" ? `🧠 Daily quiz${quiz.slotDate ? ` · ${quiz.slotDate}` : ""}` : "🧠 Quiz";
  const choices = quiz.choices.map((c) =>
    execute(ownerTag(c), { a: "quiz_answer", quiz: quiz.quizId, choice: c }),
  );
  return card(
    [
      label(`**${title}**`, { color: "Accent" }),
      para([run(quiz.prompt, { size: "Medium" })], { spacing: "Small" }),
      label(quiz.mode === "daily" ? "Who owns this? Your answer is only shown to you." : "Who owns this?", {
        isSubtle: true,
        spacing: "Medium",
      }),
    ],
    `${title}\n\n${quiz.prompt}\n\nWho owns this: ${quiz.choices.map((c) => OWNER_BADGE[c].label).join(", ")}?`,
    { speak: quiz.prompt, actions: choices },
  );
}

export function quizSummary(quiz: QuizCardView): string {
  return `Quiz: ${quiz.prompt}`;
}

export function renderQuizOutcome(outcome: AnswerOutcome, choice: Owner): AdaptiveCard {
  const body: CardElement[] = [];
  const lines: string[] = [];
  const say = (text: string, el: CardElement) => {
    lines.push(text);
    body.push(el);
  };
  switch (outcome.status) {
    case "recorded": {
      const right = outcome.correct === true;
      const correct = outcome.correctOwner;
      const head = right
        ? `✅ Correct: ${ownerTag(choice)}`
        : `❌ Not quite: you said ${ownerTag(choice)}${correct ? `, it's ${ownerTag(correct)}` : ""}`;
      say(head, label(`**${head}**`, { color: right ? "Good" : "Attention", size: "Medium" }));
      break;
    }
    case "already_answered": {
      const head = `You've already answered this one${outcome.correctOwner ? `: it's ${ownerTag(outcome.correctOwner)}` : ""}.`;
      say(head, label(head, { weight: "Bolder" }));
      break;
    }
    case "closed": {
      const head = `This question is closed${outcome.correctOwner ? `: the answer was ${ownerTag(outcome.correctOwner)}` : ""}.`;
      say(head, label(head, { weight: "Bolder" }));
      break;
    }
    case "not_found":
      say("I can't find that quiz question any more.", label("I can't find that quiz question any more."));
      break;
    case "unavailable":
      say("The quiz isn't available right now.", label("The quiz isn't available right now."));
      break;
  }
  if (outcome.explanation) say(outcome.explanation, para([outcome.explanation], { spacing: "Small" }));
  const score: string[] = [];
  if (outcome.earned !== undefined) score.push(`+${outcome.earned} points`);
  if (outcome.points !== undefined) score.push(`${outcome.points} in total`);
  if (outcome.streak !== undefined && outcome.streak > 0) score.push(`🔥 streak ${outcome.streak}`);
  if (score.length) say(score.join(" · "), label(score.join(" · "), { isSubtle: true, spacing: "Small" }));
  const actions: CardButton[] = [];
  if (outcome.learnMore) actions.push(ask(FULL_ANSWER, outcome.learnMore));
  if (outcome.status !== "unavailable") actions.push(submit("Another question", { a: "quiz_new" }));
  return card(body, lines.join("\n\n"), actions.length ? { actions } : {});
}

export function renderReveal(reveal: RevealView): AdaptiveCard {
  const b = OWNER_BADGE[reveal.correctOwner];
  const tally = `${reveal.answered} answered · ${reveal.correctCount} correct`;
  return card(
    [
      label("**📣 Quiz answer**", { color: "Accent" }),
      para([run(reveal.prompt, { isSubtle: true })], { spacing: "Small" }),
      {
        type: "Container",
        style: b.style,
        bleed: true,
        spacing: "Medium",
        items: [label(`${b.emoji} **${b.label}**`, { color: b.color, size: "Medium" })],
      },
      para([reveal.explanation]),
      label(tally, { isSubtle: true, size: "Small" }),
    ],
    `Quiz answer: ${b.label}\n\n${reveal.prompt}\n\n${reveal.explanation}\n\n${tally}`,
    { actions: [submit("Practice question", { a: "quiz_new" })] },
  );
}

const MEDALS = ["🥇", "🥈", "🥉"];

export function renderLeaderboard(board: LeaderboardView): AdaptiveCard {
  const title = `🏆 Leaderboard · ${board.period === "week" ? "this week" : "all time"}`;
  const body: CardElement[] = [label(`**${title}**`, { size: "Medium" })];
  const lines = [title];
  if (board.rows.length === 0) {
    const empty = "No scores yet: answer a quiz question to get on the board.";
    body.push(label(empty, { isSubtle: true }));
    lines.push(empty);
  } else {
    body.push(row("**#**", "**Player**", "**Points**", "**Streak**", true));
    board.rows.forEach((r, i) => {
      const name = neutralise(r.userName ?? "Someone", 64);
      // A medal is earned: nobody is on the podium with no points.
      const rank = (r.points > 0 && MEDALS[i]) || `${i + 1}.`;
      body.push(row(rank, name, String(r.points), r.streak > 0 ? `🔥 ${r.streak}` : "—"));
      lines.push(`${rank} ${name}: ${r.points} points (${r.correct}/${r.answered} correct)`);
    });
  }
  return card(body, lines.join("\n"), { actions: [submit("Quiz me", { a: "quiz_new" })] });
}

/** Header cells are srm-bot's own markdown; player names are plain runs. */
function row(rank: string, name: string, points: string, streak: string, header = false): ColumnSet {
  const cell = (text: string, width: Column["width"], user = false): Column => ({
    type: "Column",
    width,
    items: [header || !user ? label(text) : para([text])],
  });
  return {
    type: "ColumnSet",
    spacing: "Small",
    columns: [cell(rank, "40px"), cell(name, "stretch", true), cell(points, "70px"), cell(streak, "70px")],
  };
}
