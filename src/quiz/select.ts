import type { QuizHistoryItem } from "../store/types.js";

export interface SelectOptions {
  /** How many quizzes later a question the channel got wrong comes back. */
  reviewAfter: number;
}

export interface Selection {
  questionId: string;
  /** "review": asked again because most got it wrong last time; "new": not yet asked in this round. */
  reason: "review" | "new";
}

/**
 * Picks the next question for a channel (or one person's practice).
 * - No repeats until every question of the pool has been asked once in the current round.
 * - Spaced repetition: a question most people got wrong (more wrong than right answers) comes back once
 *   `reviewAfter` other quizzes have been posted since; the longest-waiting one first. Answered right
 *   then, it leaves the review list; wrong again, it comes back after another `reviewAfter`.
 * `pool` must be sorted (it is by buildQuestionPool) so a seeded `random` gives a repeatable order.
 */
export function selectQuestion(
  pool: readonly string[],
  history: readonly QuizHistoryItem[],
  random: () => number,
  opts: SelectOptions,
): Selection {
  if (pool.length === 0) throw new Error("The quiz has no questions: the knowledge base is empty");
  const inPool = new Set(pool);
  const past = history.filter((h) => inPool.has(h.questionId));

  // The current round: what was asked since the whole pool was last covered.
  let round = new Set<string>();
  for (const h of past) {
    round.add(h.questionId);
    if (round.size === inPool.size) round = new Set();
  }

  const lastIndex = new Map<string, number>();
  past.forEach((h, i) => {
    lastIndex.set(h.questionId, i);
  });
  let review: { id: string; index: number } | undefined;
  for (const [id, index] of lastIndex) {
    const last = past[index] as QuizHistoryItem;
    const mostlyWrong = last.answered > 0 && last.correctCount * 2 < last.answered;
    const waited = past.length - 1 - index;
    if (mostlyWrong && waited >= opts.reviewAfter && (!review || index < review.index))
      review = { id, index };
  }
  if (review) return { questionId: review.id, reason: "review" };

  let fresh = pool.filter((id) => !round.has(id));
  // A new round should not open with the question that closed the last one.
  const previous = past.at(-1)?.questionId;
  if (fresh.length > 1 && previous) fresh = fresh.filter((id) => id !== previous);
  const candidates = fresh.length ? fresh : pool;
  const pick = candidates[
    Math.min(candidates.length - 1, Math.floor(random() * candidates.length))
  ] as string;
  return { questionId: pick, reason: "new" };
}
