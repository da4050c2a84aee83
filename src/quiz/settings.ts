import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { KnowledgeBase } from "../knowledge/schema.js";
import { keyOf } from "../store/channel-key.js";
import type { ChannelKey, NewQuiz, PostedQuiz, Store } from "../store/types.js";
import { buildQuestionPool, QUIZ_CHOICES, type QuizQuestion } from "./questions.js";
import { seededRandom } from "./random.js";
import { selectQuestion } from "./select.js";
import type { Clock, Notifier, QuizCardView } from "./types.js";

export interface QuizServiceOptions {
  store: Store;
  /** Questions come from `entries` and `scenarios`. */
  kb: Pick<KnowledgeBase, "entries" | "scenarios">;
  /** One per platform; more can be added later with registerNotifier. */
  notifiers?: Notifier[];
  clock?: Clock;
  /** Random source for picking questions; or `seed` for a repeatable order. Default Math.random. */
  random?: () => number;
  seed?: number;
  logger: Logger;
  /** How late a missed daily slot may still be posted. Default 120. */
  graceMinutes?: number;
  /** Quizzes to wait before a question the channel got wrong comes back. Default 3. */
  reviewAfter?: number;
  /** Defaults for `quiz daily` without arguments (config QUIZ_DEFAULT_TIME / QUIZ_DEFAULT_TIMEZONE). */
  defaultTime?: string;
  defaultTimezone?: string;
  /** Scheduler details; see SchedulerOptions. */
  staleClaimMinutes?: number;
  tickPattern?: string;
  instanceId?: string;
  /** Daily posts in progress at once in this process (QUIZ_POST_CONCURRENCY). Default 16. */
  postConcurrency?: number;
}

/** What every part of the quiz (practice, publishing, subscriptions) works with, resolved once. */
export interface QuizSettings {
  store: Store;
  logger: Logger;
  clock: Clock;
  options: QuizServiceOptions;
  questions: QuestionBank;
}

export function quizSettings(opts: QuizServiceOptions): QuizSettings {
  const random = opts.random ?? (opts.seed !== undefined ? seededRandom(opts.seed) : Math.random);
  return {
    store: opts.store,
    logger: opts.logger,
    clock: opts.clock ?? { now: () => new Date() },
    options: opts,
    questions: new QuestionBank(opts.store, buildQuestionPool(opts.kb), random, opts.reviewAfter ?? 3),
  };
}

/** The question pool and how the next question for a channel (or a person's practice) is drawn from it. */
export class QuestionBank {
  private readonly byId: Map<string, QuizQuestion>;
  private readonly ids: string[];
  private readonly historyLimit: number;

  constructor(
    private readonly store: Store,
    pool: QuizQuestion[],
    private readonly random: () => number,
    private readonly reviewAfter: number,
  ) {
    this.byId = new Map(pool.map((q) => [q.id, q]));
    this.ids = pool.map((q) => q.id);
    this.historyLimit = Math.max(50, pool.length * 2);
  }

  get size(): number {
    return this.ids.length;
  }

  async choose(channel: ChannelKey, audience: string | null): Promise<QuizQuestion> {
    const history = await this.store.quizHistory(channel, audience, this.historyLimit);
    const { questionId } = selectQuestion(this.ids, history, this.random, { reviewAfter: this.reviewAfter });
    return this.byId.get(questionId) as QuizQuestion;
  }
}

export function cardView(q: PostedQuiz): QuizCardView {
  return { quizId: q.id, prompt: q.prompt, choices: [...QUIZ_CHOICES], slotDate: q.slotDate, mode: q.mode };
}

/** A quiz to store for `question`: a channel's ("daily", no audience) or one person's practice. */
export function newQuiz(
  channel: ChannelKey,
  question: QuizQuestion,
  who: { mode: "daily"; slotDate: string | null } | { mode: "practice"; audience: string },
  postedAt: Date,
): NewQuiz {
  return {
    ...keyOf(channel),
    id: randomUUID(),
    questionId: question.id,
    prompt: question.prompt,
    correct: question.correct,
    explanation: question.explanation,
    learnMore: question.learnMore,
    mode: who.mode,
    audience: who.mode === "practice" ? who.audience : null,
    slotDate: who.mode === "daily" ? who.slotDate : null,
    postedAt,
  };
}
