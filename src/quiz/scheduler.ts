import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { Cron } from "croner";
import type { Logger } from "pino";
import { keyOf } from "../store/channel-key.js";
import type { ChannelKey, Store, Subscription } from "../store/types.js";
import { isPermanentPostError } from "./errors.js";
import { dueSlots } from "./schedule.js";
import type { Clock, Pace } from "./types.js";

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
  /** Each platform's posting limits (its notifier's `pace`); none: every due slot is tried at once. */
  paceOf?: (platform: ChannelKey["platform"]) => Pace | undefined;
  /** Posts in progress at once in this process. Default 16. */
  concurrency?: number;
}

/** One channel's slot, and the earliest time any replica may claim it (see timetable()). */
interface Due {
  sub: Subscription;
  slotDate: string;
  releaseAt: number;
}

/** Messages one slot sends: the reveal of the previous quiz, then the new one. */
const MESSAGES_PER_SLOT = 2;

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
  const concurrency = Math.max(1, opts.concurrency ?? 16);
  let timer: Cron | undefined;
  /** Ticks in progress: a fan-out takes minutes, and the next minute's slots must not wait for it. */
  const running = new Set<Promise<TickReport>>();
  /** Slots a tick in progress has taken on (posted, or waiting for their time). */
  const queued = new Set<string>();
  let abort = new AbortController();
  let stopped = true;
  const env: SlotEnv = { store, clock, logger, instanceId, staleMs, publish: opts.publish };

  async function tick(): Promise<TickReport> {
    const report: TickReport = { posted: [], failed: [] };
    const subs = await store.listSubscriptions();
    const due = timetable(dueNow(subs, clock.now(), graceMs, logger), opts.paceOf).filter(
      (d) => !queued.has(slotId(d)),
    );
    for (const d of due) queued.add(slotId(d));
    await fanOut(env, due, { concurrency, signal: abort.signal, queued }, report);
    return report;
  }

  function runTick(): Promise<TickReport> {
    const run: Promise<TickReport> = tick()
      .catch((err: unknown) => {
        logger.error({ err: (err as Error).message }, "quiz scheduler tick failed");
        return { posted: [], failed: [] };
      })
      .finally(() => {
        running.delete(run);
      });
    running.add(run);
    return run;
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
      // Slots waiting for their time are left unclaimed: another replica, or this one after a restart,
      // posts them within the grace window. Posts already under way finish.
      abort.abort();
      abort = new AbortController();
      timer?.stop();
      timer = undefined;
      await Promise.all([...running]);
    },
    tick: runTick,
  };
}

/** A few workers take the slots in timetable order, each waiting for its slot's time; stop() aborts the waits. */
async function fanOut(
  env: SlotEnv,
  due: Due[],
  run: { concurrency: number; signal: AbortSignal; queued: Set<string> },
  report: TickReport,
): Promise<void> {
  const { signal, queued } = run;
  const { clock, logger } = env;
  let next = 0;
  const worker = async () => {
    for (let d = due[next++]; d && !signal.aborted; d = due[next++]) {
      try {
        const wait = d.releaseAt - clock.now().getTime();
        if (wait > 0) await sleep(wait, undefined, { signal });
        if (!signal.aborted) await postSlot(env, d.sub, d.slotDate, report);
      } catch (err) {
        if (!signal.aborted)
          logger.error({ ...keyOf(d.sub), err: (err as Error).message }, "quiz slot failed");
      } finally {
        queued.delete(slotId(d));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.concurrency, due.length) }, worker));
  for (let d = due[next++]; d; d = due[next++]) queued.delete(slotId(d));
}

function dueNow(subs: Subscription[], now: Date, graceMs: number, logger: Logger) {
  const out: Array<{ sub: Subscription; slotDate: string; at: number }> = [];
  for (const sub of subs) {
    if (sub.paused) continue;
    try {
      for (const slot of dueSlots(sub, now, graceMs))
        out.push({ sub, slotDate: slot.date, at: slot.at.getTime() });
    } catch (err) {
      logger.error({ ...keyOf(sub), err: (err as Error).message }, "bad quiz subscription skipped");
    }
  }
  return out;
}

/**
 * When each due slot may be claimed. The channels of one workspace due at the same instant are put in
 * channel order and spaced by what the platform's budget allows (two messages a slot): every replica reads
 * the same subscriptions and computes the same timetable, so together they claim no faster than the budget,
 * without talking to each other; the claim in the database still decides who posts. Without a pace, every
 * slot is released at once.
 */
export function timetable(
  due: Array<{ sub: Subscription; slotDate: string; at: number }>,
  paceOf: SchedulerOptions["paceOf"],
): Due[] {
  const groups = new Map<string, typeof due>();
  for (const d of due) {
    const g = `${d.sub.platform}\u0000${d.sub.workspace}\u0000${d.at}`;
    const list = groups.get(g);
    if (list) list.push(d);
    else groups.set(g, [d]);
  }
  const out: Due[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => (a.sub.channel < b.sub.channel ? -1 : a.sub.channel > b.sub.channel ? 1 : 0));
    const pace = paceOf?.(group[0]?.sub.platform ?? "slack");
    const gap =
      pace && pace.perWorkspacePerMinute > 0 ? (60_000 * MESSAGES_PER_SLOT) / pace.perWorkspacePerMinute : 0;
    for (const [i, d] of group.entries())
      out.push({ sub: d.sub, slotDate: d.slotDate, releaseAt: d.at + i * gap });
  }
  return out.sort((a, b) => a.releaseAt - b.releaseAt);
}

const slotId = (d: Due) =>
  `${d.sub.platform}\u0000${d.sub.workspace}\u0000${d.sub.channel}\u0000${d.slotDate}`;

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
