import type { Owner } from "../knowledge/schema.js";
import type { ChannelKey, Platform, PostedQuiz, ScoreRow } from "../store/types.js";
import { DAILY_POINTS, PRACTICE_POINTS, scoreAnswer } from "./scoring.js";
import { cardView, newQuiz, type QuizSettings } from "./settings.js";
import type { Actor, AnswerOutcome, LeaderboardView, QuizCardView } from "./types.js";

const LEADERBOARD_SIZE = 10;
const WEEK_MS = 7 * 24 * 60 * 60_000;

/** One person's practice questions, everyone's answers and the scores they add up to. */
export class Practice {
  constructor(private readonly s: QuizSettings) {}

  async practice(channel: ChannelKey, actor: Actor): Promise<QuizCardView> {
    const { store, clock, questions } = this.s;
    const question = await questions.choose(channel, actor.user);
    const quiz = await store.insertQuiz(
      newQuiz(channel, question, { mode: "practice", audience: actor.user }, clock.now()),
    );
    return cardView(quiz);
  }

  async answer(quizId: string, actor: Actor, choice: Owner, from?: Platform): Promise<AnswerOutcome> {
    try {
      const quiz = await this.s.store.getQuiz(quizId);
      // Someone else's practice card, or another platform's quiz, is treated as unknown: the id can only
      // have been forged or leaked.
      if (
        !quiz ||
        (from !== undefined && quiz.platform !== from) ||
        (quiz.mode === "practice" && quiz.audience !== actor.user)
      )
        return { status: "not_found" };
      return await this.record(quiz, actor, choice);
    } catch (err) {
      this.s.logger.error({ quizId, err: (err as Error).message }, "quiz answer could not be recorded");
      return { status: "unavailable" };
    }
  }

  private async record(quiz: PostedQuiz, actor: Actor, choice: Owner): Promise<AnswerOutcome> {
    const { store, clock } = this.s;
    const about = {
      correctOwner: quiz.correct,
      explanation: quiz.explanation,
      ...(quiz.learnMore ? { learnMore: quiz.learnMore } : {}),
    };
    if (quiz.revealedAt) return { status: "closed", ...about };
    const correct = choice === quiz.correct;
    const previous = quiz.mode === "daily" ? await store.previousChannelQuiz(quiz, quiz.seq) : null;
    const result = await store.recordAnswer(
      {
        quizId: quiz.id,
        user: actor.user,
        userName: actor.userName ?? null,
        choice,
        correct,
        answeredAt: clock.now(),
      },
      scoreAnswer(quiz, correct, previous?.id ?? null),
    );
    if (result.status === "not_found") return { status: "not_found" };
    if (result.status === "already_answered")
      return { status: "already_answered", correct: result.correct, ...about };
    const earned = correct ? (quiz.mode === "daily" ? DAILY_POINTS : PRACTICE_POINTS) : 0;
    return {
      status: "recorded",
      correct,
      ...about,
      points: result.score.points,
      streak: result.score.streak,
      earned,
    };
  }

  async leaderboard(channel: ChannelKey, period: "week" | "all"): Promise<LeaderboardView> {
    const since = period === "week" ? new Date(this.s.clock.now().getTime() - WEEK_MS) : null;
    return { period, rows: await this.s.store.leaderboard(channel, since, LEADERBOARD_SIZE) };
  }

  userStats(platform: Platform, user: string): Promise<ScoreRow | null> {
    return this.s.store.userStats(platform, user);
  }
}
