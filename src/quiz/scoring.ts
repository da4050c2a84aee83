import type { PostedQuiz, ScoreUpdater } from "../store/types.js";

/** Points for a correct answer to a channel quiz (scheduled or `quiz now`). Wrong answers score 0. */
export const DAILY_POINTS = 10;
/**
 * Points for a correct practice answer: practice counts, at half weight, so the leaderboard rewards
 * practising without letting someone farm it ahead of the channel's shared quizzes.
 */
export const PRACTICE_POINTS = 5;

/**
 * Score rule for one answer.
 * - Every answer counts in `answered`; correct ones in `correct` and earn points (above).
 * - Streak, per channel and user: consecutive channel quizzes answered correctly. A correct answer extends
 *   the streak when the user's previous counted answer was to the channel quiz posted just before this one;
 *   otherwise (a skipped quiz, or the first one) the streak restarts at 1. A wrong answer sets it to 0.
 *   Practice answers never touch the streak. `bestStreak` is the highest streak reached.
 */
export function scoreAnswer(
  quiz: PostedQuiz,
  correct: boolean,
  previousChannelQuizId: string | null,
): ScoreUpdater {
  return (prev) => {
    const base = {
      userName: prev?.userName ?? null,
      points: (prev?.points ?? 0) + (correct ? (quiz.mode === "daily" ? DAILY_POINTS : PRACTICE_POINTS) : 0),
      answered: (prev?.answered ?? 0) + 1,
      correct: (prev?.correct ?? 0) + (correct ? 1 : 0),
      streak: prev?.streak ?? 0,
      bestStreak: prev?.bestStreak ?? 0,
      lastQuizId: prev?.lastQuizId ?? null,
    };
    if (quiz.mode !== "daily") return base;
    const continues =
      prev !== null &&
      prev.streak > 0 &&
      previousChannelQuizId !== null &&
      prev.lastQuizId === previousChannelQuizId;
    const streak = correct ? (continues ? (prev?.streak ?? 0) + 1 : 1) : 0;
    return { ...base, streak, bestStreak: Math.max(base.bestStreak, streak), lastQuizId: quiz.id };
  };
}
