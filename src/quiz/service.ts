import { Practice } from "./practice.js";
import { Publishing } from "./publishing.js";
import type { FixedSubscriptionInput } from "./schedule.js";
import type { TickReport } from "./scheduler.js";
import { type QuizServiceOptions, quizSettings } from "./settings.js";
import { Subscriptions } from "./subscriptions.js";
import type { Notifier, QuizService } from "./types.js";

export { type QuizServiceOptions, type QuizSettings, quizSettings } from "./settings.js";
export { CONFIG_SUBSCRIBER } from "./subscriptions.js";

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

/** The quiz in three parts sharing one settings object: practice and scores, channel publishing, subscriptions. */
export function createQuizService(opts: QuizServiceOptions): QuizRuntime {
  const settings = quizSettings(opts);
  const practice = new Practice(settings);
  const publishing = new Publishing(settings);
  const subscriptions = new Subscriptions(settings);
  const { scheduler } = publishing;
  return {
    questionCount: settings.questions.size,
    registerNotifier: (n) => publishing.register(n),
    practice: (channel, actor) => practice.practice(channel, actor),
    answer: (quizId, actor, choice, from) => practice.answer(quizId, actor, choice, from),
    leaderboard: (channel, period) => practice.leaderboard(channel, period),
    userStats: (platform, user) => practice.userStats(platform, user),
    postNow: (channel) => publishing.postNow(channel),
    reveal: (channel) => publishing.reveal(channel),
    subscribe: (channel, actor, args) => subscriptions.subscribe(channel, actor, args),
    unsubscribe: (channel, actor) => subscriptions.unsubscribe(channel, actor),
    status: (channel) => subscriptions.status(channel),
    applySubscriptions: (list) => subscriptions.apply(list),
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    tick: () => scheduler.tick(),
  };
}
