import type { ChannelKey, Platform, PostedQuiz } from "../store/types.js";
import { NotifierUnavailableError } from "./errors.js";
import { pacedNotifier } from "./pacing.js";
import { createScheduler, type Scheduler } from "./scheduler.js";
import { cardView, newQuiz, type QuizSettings } from "./settings.js";
import type { Notifier, QuizCardView, RevealView } from "./types.js";

/** Channel quizzes: posted through each platform's notifier (now, or by the daily scheduler) and revealed. */
export class Publishing {
  private readonly notifiers = new Map<Platform, Notifier>();
  readonly scheduler: Scheduler;

  constructor(private readonly s: QuizSettings) {
    const o = s.options;
    for (const n of o.notifiers ?? []) this.register(n);
    this.scheduler = createScheduler({
      store: s.store,
      clock: s.clock,
      logger: s.logger,
      publish: async (channel, slotDate) => (await this.publish(channel, slotDate)).id,
      ...(o.graceMinutes !== undefined ? { graceMinutes: o.graceMinutes } : {}),
      ...(o.staleClaimMinutes !== undefined ? { staleClaimMinutes: o.staleClaimMinutes } : {}),
      ...(o.tickPattern !== undefined ? { pattern: o.tickPattern } : {}),
      ...(o.instanceId !== undefined ? { instanceId: o.instanceId } : {}),
      ...(o.postConcurrency !== undefined ? { concurrency: o.postConcurrency } : {}),
      paceOf: (platform) => this.notifiers.get(platform)?.pace,
    });
  }

  register(notifier: Notifier): void {
    this.notifiers.set(notifier.platform, pacedNotifier(notifier));
  }

  async postNow(channel: ChannelKey): Promise<QuizCardView> {
    return cardView(await this.publish(channel, null));
  }

  async reveal(channel: ChannelKey): Promise<RevealView | null> {
    const { store, clock, logger } = this.s;
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
    const notifier = this.notifiers.get(channel.platform);
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
  private async publish(channel: ChannelKey, slotDate: string | null): Promise<PostedQuiz> {
    const { store, clock, logger } = this.s;
    const notifier = this.notifierFor(channel.platform);
    const question = await this.s.questions.choose(channel, null);
    await this.reveal(channel);
    const quiz = await store.insertQuiz(newQuiz(channel, question, { mode: "daily", slotDate }, clock.now()));
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

  private notifierFor(platform: Platform): Notifier {
    const n = this.notifiers.get(platform);
    if (!n)
      throw new NotifierUnavailableError(`The quiz cannot post to ${platform}: no notifier is registered`);
    return n;
  }
}
