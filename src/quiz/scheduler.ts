import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Cron } from "croner";
import type { Logger } from "pino";
import { keyOf } from "../store/channel-key.js";
import type { ChannelKey, Store, Subscription } from "../store/types.js";
import { isPermanentPostError } from "./errors.js";
import { dueSlots } from "./schedule.js";
import type { Clock } from "./types.js";

export interface SchedulerOptions {
  store: Store;
  /** Posts the channel's quiz for a slot; returns the quiz id. Throws when the post failed. */
  publish: (channel: ChannelKey, slotDate: string) => Promise<string>;
  clock: Clock;
  logger: Logger;
  /** How late a missed slot may still be posted (after a restart or an outage). Default 120. */
  graceMinutes?: number;
  /** A claim older than this whose post never finished (its process died) is taken over. Default 10. */
  staleClaimMinutes?: number;
  /** When the real timer ticks, as a croner pattern with seconds. Default: one second past every minute. */
  pattern?: string;
  /** Identifies this process in slot claims. */
  instanceId?: string;
}

export interface TickReport {
  posted: Array<ChannelKey & { slotDate: string; quizId: string }>;
  failed: Array<ChannelKey & { slotDate: string; error: string; paused: boolean }>;
}

export interface Scheduler {
  /** Ticks now (a missed slot goes out at once) and then every minute. */
  start(): void;
  /** Stops ticking; resolves once a tick in progress (and its post) has finished. */
  stop(): Promise<void>;
  /** One pass over every subscription; tests call it with a fake clock instead of start(). */
  tick(): Promise<TickReport>;
}

/**
 * Posts each subscribed channel's quiz at its local time. Which replica posts a slot is decided in the
 * database (quiz_slots: one row per channel and local date), never in memory, so any number of replicas
 * on one PostgreSQL post each slot exactly once, and a restart never posts a slot twice.
 * A failed post gives its claim back and is retried at the next tick while still within the grace window.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { store, clock, logger } = opts;
  const graceMs = (opts.graceMinutes ?? 120) * 60_000;
  const staleMs = (opts.staleClaimMinutes ?? 10) * 60_000;
  const pattern = opts.pattern ?? "1 * * * * *";
  const instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let timer: Cron | undefined;
  let running: Promise<TickReport> | undefined;
  let stopped = true;
  const env: SlotEnv = { store, clock, logger, instanceId, staleMs, publish: opts.publish };

  async function tick(): Promise<TickReport> {
    const report: TickReport = { posted: [], failed: [] };
    const subs = await store.listSubscriptions();
    const now = clock.now();
    for (const sub of subs) {
      if (sub.paused) continue;
      let slots: ReturnType<typeof dueSlots>;
      try {
        slots = dueSlots(sub, now, graceMs);
      } catch (err) {
        logger.error({ ...keyOf(sub), err: (err as Error).message }, "bad quiz subscription skipped");
        continue;
      }
      for (const slot of slots) await postSlot(env, sub, slot.date, report);
    }
    return report;
  }

  function runTick(): Promise<TickReport> {
    if (!running)
      running = tick()
        .catch((err: unknown) => {
          logger.error({ err: (err as Error).message }, "quiz scheduler tick failed");
          return { posted: [], failed: [] };
        })
        .finally(() => {
          running = undefined;
        });
    return running;
  }

  // Local times and DST are handled per channel by dueSlots(); the timer only has to wake us every minute.
  function schedule(): void {
    if (stopped) return;
    timer = new Cron(pattern, { unref: true, protect: true }, () => {
      void runTick();
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void runTick();
      schedule();
    },
    async stop() {
      stopped = true;
      timer?.stop();
      timer = undefined;
      if (running) await running;
    },
    tick: runTick,
  };
}

interface SlotEnv extends Pick<SchedulerOptions, "store" | "clock" | "logger" | "publish"> {
  instanceId: string;
  staleMs: number;
}

/** Claims one channel's slot and posts it, unless another replica (or a process that died) already did. */
async function postSlot(
  env: SlotEnv,
  sub: Subscription,
  slotDate: string,
  report: TickReport,
): Promise<void> {
  const { store, clock, logger, instanceId, staleMs } = env;
  const now = clock.now();
  const existing = await store.getSlot(sub, slotDate);
  if (existing?.status === "posted") return;
  const claimed = await store.claimSlot({
    ...keyOf(sub),
    slotDate,
    claimant: instanceId,
    now,
    staleBefore: new Date(now.getTime() - staleMs),
  });
  if (!claimed) return;
  const key = keyOf(sub);
  // A quiz already stored for this slot means a claimant that died got at least that far. With a message
  // reference it reached the platform: record the slot as posted rather than post it twice. Without one
  // it never got there (the quiz row is written before the post): remove it and post.
  const earlier = await store.getSlotQuiz(sub, slotDate);
  if (earlier?.messageRef) {
    await store.completeSlot(sub, slotDate, earlier.id);
    logger.warn(
      { ...key, slotDate, quizId: earlier.id },
      "daily quiz had been posted by a process that died",
    );
    return;
  }
  if (earlier) await store.deleteQuiz(earlier.id);
  let quizId: string;
  try {
    quizId = await env.publish(key, slotDate);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const permanent = isPermanentPostError(err);
    await store.releaseSlot(sub, slotDate, instanceId).catch((e: unknown) => {
      logger.error({ ...key, slotDate, err: (e as Error).message }, "could not release quiz slot");
    });
    if (permanent) await store.setSubscriptionPaused(sub, true, message).catch(() => {});
    report.failed.push({ ...key, slotDate, error: message, paused: permanent });
    logger.error(
      { ...key, slotDate, err: message, paused: permanent },
      permanent ? "daily quiz cannot be posted; subscription paused" : "daily quiz post failed; will retry",
    );
    return;
  }
  report.posted.push({ ...key, slotDate, quizId });
  logger.info({ ...key, slotDate, quizId }, "daily quiz posted");
  try {
    await store.completeSlot(sub, slotDate, quizId);
  } catch (err) {
    // Posted: never release now. A later takeover of the stale claim finds the quiz and does not repost.
    logger.error(
      { ...key, slotDate, quizId, err: (err as Error).message },
      "could not mark the quiz slot posted",
    );
  }
}
