import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { KnowledgeBase } from "../knowledge/schema.js";
import type { ChannelKey, Platform, PostedQuiz, ScoreRow, Store, Subscription } from "../store/types.js";
import { NotifierUnavailableError } from "./errors.js";
import { buildQuestionPool, QUIZ_CHOICES, type QuizQuestion } from "./questions.js";
import { seededRandom } from "./random.js";
import {
  describeSchedule,
  describeSlot,
  type FixedSubscriptionInput,
  nextSlot,
  parseSchedule,
  SCHEDULE_USAGE,
  sameSchedule,
  subscriptionsFromEnv,
} from "./schedule.js";
import { createScheduler, type TickReport } from "./scheduler.js";
import { DAILY_POINTS, PRACTICE_POINTS, scoreAnswer } from "./scoring.js";
import { selectQuestion } from "./select.js";
import type {
  Actor,
  AnswerOutcome,
  Clock,
  CommandResult,
  LeaderboardView,
  Notifier,
  QuizCardView,
  QuizService,
  RevealView,
} from "./types.js";
import { localParts } from "./zoned-time.js";

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
}

/** The QuizService plus what the wiring needs: the scheduler and operator subscriptions. */
export interface QuizRuntime extends QuizService {
  readonly questionCount: number;
  registerNotifier(notifier: Notifier): void;
  /** Starts the daily scheduler (ticks at once, then every minute). */
  start(): void;
  /** Stops the scheduler, waiting for a post in progress. Does not close the store. */
  stop(): Promise<void>;
  /** One scheduler pass now (tests, or a cron-style runner). */
  tick(): Promise<TickReport>;
  /**
   * Makes sure these operator subscriptions exist (created by "config"). An unchanged one is left alone, so
   * a restart does not reset it; one changed in the configuration is updated.
   */
  applySubscriptions(subs: ReadonlyArray<FixedSubscriptionInput> | string): Promise<void>;
}

/** Who set up operator-configured subscriptions; only admins may change or stop those from chat. */
export const CONFIG_SUBSCRIBER = "config";
const LEADERBOARD_SIZE = 10;
const WEEK_MS = 7 * 24 * 60 * 60_000;

export function createQuizService(opts: QuizServiceOptions): QuizRuntime {
  const { store, logger } = opts;
  const clock: Clock = opts.clock ?? { now: () => new Date() };
  const random = opts.random ?? (opts.seed !== undefined ? seededRandom(opts.seed) : Math.random);
  const reviewAfter = opts.reviewAfter ?? 3;
  const pool = buildQuestionPool(opts.kb);
  const byId = new Map(pool.map((q) => [q.id, q]));
  const poolIds = pool.map((q) => q.id);
  const historyLimit = Math.max(50, pool.length * 2);
  const notifiers = new Map<Platform, Notifier>();
  for (const n of opts.notifiers ?? []) notifiers.set(n.platform, n);

  function notifierFor(platform: Platform): Notifier {
    const n = notifiers.get(platform);
    if (!n)
      throw new NotifierUnavailableError(`The quiz cannot post to ${platform}: no notifier is registered`);
    return n;
  }

  async function chooseQuestion(channel: ChannelKey, audience: string | null): Promise<QuizQuestion> {
    const history = await store.quizHistory(channel, audience, historyLimit);
    const { questionId } = selectQuestion(poolIds, history, random, { reviewAfter });
    return byId.get(questionId) as QuizQuestion;
  }

  function cardView(q: PostedQuiz): QuizCardView {
    return { quizId: q.id, prompt: q.prompt, choices: [...QUIZ_CHOICES], slotDate: q.slotDate, mode: q.mode };
  }

  async function revealOpen(channel: ChannelKey): Promise<RevealView | null> {
    const closed = await store.closeOpenQuizzes(channel, clock.now());
    const latest = closed[0];
    if (!latest) return null;
    const results = await store.quizResults(latest.id);
    const view: RevealView = {
      quizId: latest.id,
      prompt: latest.prompt,
      correctOwner: latest.correct,
      explanation: latest.explanation,
      answered: results.answered,
      correctCount: results.correctCount,
      messageRef: latest.messageRef,
    };
    const notifier = notifiers.get(channel.platform);
    if (notifier) {
      try {
        await notifier.postReveal(channel, view);
      } catch (err) {
        // The quiz stays closed: a reveal is not worth holding back the next question for.
        logger.warn(
          { ...channel, quizId: latest.id, err: (err as Error).message },
          "quiz reveal post failed",
        );
      }
    }
    return view;
  }

  /** Reveals the previous quiz, posts a new one and records where it went; undoes the quiz if posting fails. */
  async function publish(channel: ChannelKey, slotDate: string | null): Promise<PostedQuiz> {
    const notifier = notifierFor(channel.platform);
    const question = await chooseQuestion(channel, null);
    await revealOpen(channel);
    const quiz = await store.insertQuiz({
      ...keyOf(channel),
      id: randomUUID(),
      questionId: question.id,
      prompt: question.prompt,
      correct: question.correct,
      explanation: question.explanation,
      learnMore: question.learnMore,
      mode: "daily",
      audience: null,
      slotDate,
      postedAt: clock.now(),
    });
    let messageRef: string | null;
    try {
      ({ messageRef } = await notifier.postQuiz(channel, cardView(quiz)));
    } catch (err) {
      await store.deleteQuiz(quiz.id).catch((e: unknown) => {
        logger.error({ quizId: quiz.id, err: (e as Error).message }, "could not remove an unposted quiz");
      });
      throw err;
    }
    // The post is out: from here on a failure is logged, never turned into a retry that would post twice.
    if (messageRef)
      await store.setQuizMessageRef(quiz.id, messageRef).catch((e: unknown) => {
        logger.error(
          { quizId: quiz.id, err: (e as Error).message },
          "could not store the quiz message reference",
        );
      });
    return { ...quiz, messageRef };
  }

  const scheduler = createScheduler({
    store,
    clock,
    logger,
    publish: async (channel, slotDate) => (await publish(channel, slotDate)).id,
    ...(opts.graceMinutes !== undefined ? { graceMinutes: opts.graceMinutes } : {}),
    ...(opts.staleClaimMinutes !== undefined ? { staleClaimMinutes: opts.staleClaimMinutes } : {}),
    ...(opts.tickPattern !== undefined ? { pattern: opts.tickPattern } : {}),
    ...(opts.instanceId !== undefined ? { instanceId: opts.instanceId } : {}),
  });

  async function nextPostText(sub: Subscription): Promise<string> {
    const now = clock.now();
    const today = localParts(now, sub.timezone).date;
    const todaysSlot = await store.getSlot(sub, today);
    return describeSlot(nextSlot(sub, now, todaysSlot ? today : undefined), sub.timezone);
  }

  const mayChange = (sub: Subscription, actor: Actor) => actor.isAdmin || sub.createdBy === actor.user;
  const refusal = (sub: Subscription): CommandResult => ({
    ok: false,
    message:
      sub.createdBy === CONFIG_SUBSCRIBER
        ? "This channel's daily quiz is set by the bot's configuration, so only a workspace admin can change or stop it."
        : "Sorry, only the person who set up this channel's daily quiz, or a workspace admin, can change or stop it.",
  });

  return {
    questionCount: pool.length,

    registerNotifier(n) {
      notifiers.set(n.platform, n);
    },

    async practice(channel, actor) {
      const question = await chooseQuestion(channel, actor.user);
      const quiz = await store.insertQuiz({
        ...keyOf(channel),
        id: randomUUID(),
        questionId: question.id,
        prompt: question.prompt,
        correct: question.correct,
        explanation: question.explanation,
        learnMore: question.learnMore,
        mode: "practice",
        audience: actor.user,
        slotDate: null,
        postedAt: clock.now(),
      });
      return cardView(quiz);
    },

    async postNow(channel) {
      return cardView(await publish(channel, null));
    },

    async answer(quizId, actor, choice, from): Promise<AnswerOutcome> {
      try {
        const quiz = await store.getQuiz(quizId);
        // Someone else's practice card, or another platform's quiz, is treated as unknown: the id can only
        // have been forged or leaked.
        if (
          !quiz ||
          (from !== undefined && quiz.platform !== from) ||
          (quiz.mode === "practice" && quiz.audience !== actor.user)
        )
          return { status: "not_found" };
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
            quizId,
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
      } catch (err) {
        logger.error({ quizId, err: (err as Error).message }, "quiz answer could not be recorded");
        return { status: "unavailable" };
      }
    },

    reveal: revealOpen,

    async subscribe(channel, actor, args) {
      const parsed = parseSchedule(args, {
        time: opts.defaultTime,
        timezone: opts.defaultTimezone,
        userTimezone: actor.timezone,
      });
      if (!parsed.ok) return { ok: false, message: parsed.message };
      const existing = await store.getSubscription(channel);
      if (existing && !mayChange(existing, actor)) return refusal(existing);
      const sub: Subscription = {
        ...keyOf(channel),
        time: parsed.time,
        timezone: parsed.timezone,
        days: parsed.days,
        createdBy: existing?.createdBy ?? actor.user,
        paused: false,
        pausedReason: null,
        updatedAt: clock.now(),
      };
      await store.saveSubscription(sub);
      const verb = existing ? "Daily quiz updated" : "Daily quiz on";
      return {
        ok: true,
        message: `${verb}: ${describeSchedule(sub)}. Next quiz: ${await nextPostText(sub)}.`,
      };
    },

    async unsubscribe(channel, actor) {
      const existing = await store.getSubscription(channel);
      if (!existing) return { ok: false, message: "There is no daily quiz in this channel." };
      if (!mayChange(existing, actor)) return refusal(existing);
      await store.deleteSubscription(channel);
      return {
        ok: true,
        message: "Daily quiz stopped. Scores and the leaderboard are kept; start it again with: quiz daily.",
      };
    },

    async status(channel) {
      const sub = await store.getSubscription(channel);
      if (!sub)
        return {
          ok: true,
          message: `No daily quiz in this channel. Start one with: ${SCHEDULE_USAGE} (defaults: 09:00, your time zone, weekdays).`,
        };
      if (sub.paused)
        return {
          ok: true,
          message: `The daily quiz (${describeSchedule(sub)}) is paused${sub.pausedReason ? ` because posting failed: ${sub.pausedReason}` : ""}. Run quiz daily again to resume it.`,
        };
      return {
        ok: true,
        message: `Daily quiz: ${describeSchedule(sub)}. Next quiz: ${await nextPostText(sub)}.`,
      };
    },

    async leaderboard(channel, period): Promise<LeaderboardView> {
      const since = period === "week" ? new Date(clock.now().getTime() - WEEK_MS) : null;
      return { period, rows: await store.leaderboard(channel, since, LEADERBOARD_SIZE) };
    },

    userStats(platform: Platform, user: string): Promise<ScoreRow | null> {
      return store.userStats(platform, user);
    },

    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    tick: () => scheduler.tick(),

    async applySubscriptions(list) {
      const subs = subscriptionsFromEnv(list, { time: opts.defaultTime, timezone: opts.defaultTimezone });
      for (const s of subs) {
        const existing = await store.getSubscription(s);
        if (existing && sameSchedule(existing, s) && !existing.paused) continue;
        await store.saveSubscription({
          ...s,
          createdBy: existing?.createdBy ?? CONFIG_SUBSCRIBER,
          paused: false,
          pausedReason: null,
          updatedAt: clock.now(),
        });
        logger.info(
          { ...keyOf(s), time: s.time, timezone: s.timezone, days: s.days },
          "quiz subscription configured",
        );
      }
    },
  };
}

function keyOf(k: ChannelKey): ChannelKey {
  return { platform: k.platform, workspace: k.workspace, channel: k.channel };
}
