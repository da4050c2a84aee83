import { keyOf } from "../store/channel-key.js";
import type { ChannelKey, Subscription } from "../store/types.js";
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
import type { QuizSettings } from "./settings.js";
import type { Actor, CommandResult } from "./types.js";
import { localParts } from "./zoned-time.js";

/** Who set up operator-configured subscriptions; only admins may change or stop those from chat. */
export const CONFIG_SUBSCRIBER = "config";

/** A channel's daily quiz: set up, changed and stopped from chat, or by the operator's configuration. */
export class Subscriptions {
  constructor(private readonly s: QuizSettings) {}

  async subscribe(channel: ChannelKey, actor: Actor, args: string[]): Promise<CommandResult> {
    const { store, clock, options } = this.s;
    const parsed = parseSchedule(args, {
      time: options.defaultTime,
      timezone: options.defaultTimezone,
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
      message: `${verb}: ${describeSchedule(sub)}. Next quiz: ${await this.nextPostText(sub)}.`,
    };
  }

  async unsubscribe(channel: ChannelKey, actor: Actor): Promise<CommandResult> {
    const existing = await this.s.store.getSubscription(channel);
    if (!existing) return { ok: false, message: "There is no daily quiz in this channel." };
    if (!mayChange(existing, actor)) return refusal(existing);
    await this.s.store.deleteSubscription(channel);
    return {
      ok: true,
      message: "Daily quiz stopped. Scores and the leaderboard are kept; start it again with: quiz daily.",
    };
  }

  async status(channel: ChannelKey): Promise<CommandResult> {
    const sub = await this.s.store.getSubscription(channel);
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
      message: `Daily quiz: ${describeSchedule(sub)}. Next quiz: ${await this.nextPostText(sub)}.`,
    };
  }

  /**
   * Makes sure these operator subscriptions exist (created by "config"). An unchanged one is left alone, so
   * a restart does not reset it; one changed in the configuration is updated.
   */
  async apply(list: ReadonlyArray<FixedSubscriptionInput> | string): Promise<void> {
    const { store, clock, logger, options } = this.s;
    const subs = subscriptionsFromEnv(list, { time: options.defaultTime, timezone: options.defaultTimezone });
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
  }

  private async nextPostText(sub: Subscription): Promise<string> {
    const now = this.s.clock.now();
    const today = localParts(now, sub.timezone).date;
    const todaysSlot = await this.s.store.getSlot(sub, today);
    return describeSlot(nextSlot(sub, now, todaysSlot ? today : undefined), sub.timezone);
  }
}

function mayChange(sub: Subscription, actor: Actor): boolean {
  return actor.isAdmin || sub.createdBy === actor.user;
}

function refusal(sub: Subscription): CommandResult {
  return {
    ok: false,
    message:
      sub.createdBy === CONFIG_SUBSCRIBER
        ? "This channel's daily quiz is set by the bot's configuration, so only a workspace admin can change or stop it."
        : "Sorry, only the person who set up this channel's daily quiz, or a workspace admin, can change or stop it.",
  };
}
