// Every Reply of respond() as a card view (answers through view-answer.ts), and the Slack App Home tab.

import type { Reply } from "../conversation/respond.js";
import type { Owner } from "../knowledge/schema.js";
import type { AnswerOutcome, LeaderboardView, QuizCardView, RevealView } from "../quiz/types.js";
import type { ScoreRow } from "../store/types.js";
import { MAX_EXAMPLES } from "./card-policy.js";
import { COPY, OWNER_WORD } from "./copy.js";
import type { Icon } from "./view.js";
import { type ButtonView, type CardView, type Line, type Part, strong, tag, typed, wordsOf } from "./view.js";
import { type AnswerViewOptions, answerView, ask } from "./view-answer.js";

export function replyView(reply: Reply, opts: AnswerViewOptions = {}): CardView {
  switch (reply.kind) {
    case "answer":
      return answerView(reply.answer, opts);
    case "feedback":
      return reply.answer
        ? answerView(reply.answer, { ...opts, vote: { helpful: reply.helpful, counted: reply.counted } })
        : noticeView(reply.counted ? COPY.thanks : COPY.voted(reply.helpful, false));
    case "quiz":
      return quizView(reply.quiz);
    case "quiz_outcome":
      return outcomeView(reply.outcome, reply.choice);
    case "reveal":
      return revealView(reply.reveal);
    case "leaderboard":
      return leaderboardView(reply.board);
    case "welcome":
      return welcomeView(reply.examples, opts);
    case "notice":
      return noticeView(reply.text, reply.tone);
  }
}

const quizNew = (label: string, primary = false): ButtonView => ({
  label,
  primary,
  action: { a: "quiz_new" },
});

export function quizView(quiz: QuizCardView): CardView {
  const daily = quiz.mode === "daily";
  return {
    head: { icon: "brain", title: COPY.quizTitle(daily, quiz.slotDate) },
    parts: [
      { type: "text", text: [strong(quiz.prompt)] },
      { type: "text", note: true, text: COPY.quizHint(daily) },
    ],
    // Private: in Teams the result goes back only to the person who pressed (Action.Execute).
    actions: quiz.choices.map((choice) => ({
      label: OWNER_WORD[choice],
      owner: choice,
      private: true,
      action: { a: "quiz_answer", quiz: quiz.quizId, choice },
    })),
    summary: `Quiz: ${quiz.prompt}`,
  };
}

export function outcomeView(outcome: AnswerOutcome, choice: Owner): CardView {
  const heads: Record<AnswerOutcome["status"], { icon?: Icon; title: Line }> = {
    recorded:
      outcome.correct === true
        ? { icon: "white_check_mark", title: [strong(`${COPY.correct}: `), tag(choice)] }
        : { icon: "x", title: [strong(COPY.notQuite("")), tag(choice)] },
    already_answered: { title: COPY.alreadyAnswered },
    closed: { title: COPY.closed },
    not_found: { title: COPY.notFound },
    unavailable: { icon: "warning", title: COPY.unavailable },
  };
  const h = heads[outcome.status];
  const parts: Part[] = [];
  if (outcome.explanation) parts.push({ type: "text", text: outcome.explanation });
  const score: Line = [];
  if (outcome.earned !== undefined) score.push(COPY.earned(outcome.earned));
  if (outcome.points !== undefined) score.push(`${score.length ? " · " : ""}${COPY.total(outcome.points)}`);
  if (outcome.streak !== undefined && outcome.streak > 0)
    score.push(score.length ? " · " : "", { icon: "fire" }, ` ${COPY.streak(outcome.streak)}`);
  if (score.length) parts.push({ type: "text", note: true, text: score });
  const actions: ButtonView[] = [];
  if (outcome.learnMore) actions.push(ask(outcome.learnMore, COPY.fullAnswer));
  if (outcome.status !== "unavailable") actions.push(quizNew(COPY.anotherQuestion));
  const verdict =
    outcome.status === "not_found" || outcome.status === "unavailable" ? undefined : outcome.correctOwner;
  return {
    head: { ...(verdict ? { verdict } : {}), ...h },
    parts,
    actions,
    summary: wordsOf(h.title, (m) => (m.word ? OWNER_WORD[m.owner] : "")),
  };
}

export function revealView(reveal: RevealView): CardView {
  return {
    head: { verdict: reveal.correctOwner, icon: "mega", title: COPY.revealTitle },
    parts: [
      { type: "text", note: true, text: [{ text: reveal.prompt, em: true }] },
      { type: "text", text: reveal.explanation },
      { type: "text", note: true, text: COPY.tally(reveal.correctCount, reveal.answered) },
    ],
    actions: [quizNew(COPY.practiceQuestion)],
    summary: `${COPY.revealTitle}: ${OWNER_WORD[reveal.correctOwner]}`,
  };
}

const MEDALS: Icon[] = ["first_place_medal", "second_place_medal", "third_place_medal"];

export function leaderboardView(board: LeaderboardView): CardView {
  const title = COPY.leaderboardTitle(board.period === "week");
  const rows = board.rows.map((r, i) => {
    // A medal is earned: nobody is on the podium with no points.
    const medal = r.points > 0 ? MEDALS[i] : undefined;
    const label: Line = [
      medal ? { icon: medal } : `${i + 1}.`,
      " ",
      { text: (r.userName ?? COPY.someone).slice(0, 64), user: true, strong: true },
    ];
    const value: Line = [
      COPY.scoreLine(r.points, r.correct, r.answered),
      ...(r.streak > 0 ? [" · ", { icon: "fire" as const }, ` ${r.streak}`] : []),
    ];
    return { label, value };
  });
  return {
    head: { icon: "trophy", title },
    parts: rows.length ? [{ type: "table", rows }] : [{ type: "text", text: COPY.noScores }],
    actions: [quizNew(COPY.quizMe)],
    summary: title,
  };
}

export function welcomeView(examples: string[], opts: AnswerViewOptions = {}): CardView {
  return {
    head: { icon: "wave", title: COPY.welcomeTitle },
    parts: [
      { type: "text", text: COPY.welcome },
      ...(opts.tip ? [{ type: "text" as const, note: true, text: opts.tip }] : []),
      { type: "buttons", title: COPY.tryAsking, buttons: examples.slice(0, MAX_EXAMPLES).map((q) => ask(q)) },
      { type: "text", note: true, text: COPY.welcomeHint(opts.commandPrefix ?? "") },
    ],
    actions: [],
    summary: COPY.welcomeSummary,
  };
}

/** The per-reply renderers of one surface, given how it serialises a view. */
export function renderersOf<T>(out: (view: CardView) => T) {
  return {
    renderQuizCard: (quiz: QuizCardView) => out(quizView(quiz)),
    renderQuizOutcome: (outcome: AnswerOutcome, choice: Owner) => out(outcomeView(outcome, choice)),
    renderReveal: (reveal: RevealView) => out(revealView(reveal)),
    renderLeaderboard: (board: LeaderboardView) => out(leaderboardView(board)),
    renderNotice: (text: string, tone: "info" | "warning" = "info") => out(noticeView(text, tone)),
  };
}

/** Short messages; their text may quote what the user typed (command arguments), so it is shown inert. */
export function noticeView(text: string, tone: "info" | "warning" = "info"): CardView {
  return {
    parts: [
      {
        type: "text",
        ...(tone === "warning" ? { icon: "warning" as const } : {}),
        text: [typed(text.slice(0, 1000))],
      },
    ],
    actions: [],
    summary: text.slice(0, 1000),
  };
}

export interface HomeAdminView {
  unanswered: Array<{ question: string; count: number }> | null;
  unhelpful: Array<{ target: string; question: string; count: number }> | null;
}

export interface HomeView {
  examples: string[];
  /** The user's quiz totals; null when they never answered; undefined when the quiz is not available. */
  stats?: ScoreRow | null;
  /** Present for workspace admins and owners only; a null list means the store could not be read. */
  admin?: HomeAdminView;
}

/** The App Home tab: what srm-bot does, questions to click, your quiz stats, and for admins what to improve. */
export function homeView(view: HomeView): CardView {
  const parts: Part[] = [
    { type: "text", text: COPY.homeIntro },
    { type: "text", note: true, text: [tag("aws"), "   ", tag("customer"), "   ", tag("shared")] },
    {
      type: "list",
      title: COPY.homeHowTo,
      items: COPY.homeWays,
    },
    { type: "buttons", title: COPY.homeTryOne, buttons: view.examples.map((q) => ask(q)) },
    { type: "heading", icon: "brain", text: COPY.homeQuiz },
  ];
  const s = view.stats;
  if (s === undefined) parts.push({ type: "text", text: COPY.homeNoQuiz });
  else
    parts.push(
      {
        type: "text",
        text: s
          ? [
              strong(String(s.points)),
              " points · ",
              strong(`${s.correct}/${s.answered}`),
              " correct · streak ",
              strong(String(s.streak)),
              ` (best ${s.bestStreak})`,
            ]
          : COPY.homeNoAnswers,
      },
      { type: "buttons", buttons: [quizNew(COPY.quizMe, true)] },
    );
  if (view.admin) parts.push(...adminParts(view.admin));
  return { head: { title: COPY.homeTitle }, parts, actions: [], summary: COPY.homeTitle };
}

function adminParts(admin: HomeAdminView): Part[] {
  const list = (title: string, items: Line[] | null): Part =>
    items?.length
      ? { type: "list", title, items }
      : { type: "text", title, text: [{ text: items ? COPY.adminNothing : COPY.adminUnread, em: true }] };
  return [
    { type: "heading", icon: "bar_chart", text: COPY.adminTitle },
    { type: "text", note: true, text: COPY.adminNote },
    list(
      COPY.adminUnanswered,
      admin.unanswered?.map((r, i) => [`${i + 1}. `, typed(r.question.slice(0, 200)), ` (${r.count}×)`]) ??
        null,
    ),
    list(
      COPY.adminUnhelpful,
      admin.unhelpful?.map((r, i) => [
        `${i + 1}. `,
        { text: r.target, code: true },
        ": ",
        typed(r.question.slice(0, 200)),
        ` (${r.count}×)`,
      ]) ?? null,
    ),
  ];
}
