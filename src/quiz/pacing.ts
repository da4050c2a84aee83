// How fast the daily quiz may post into one workspace and one channel: each platform's notifier says (its
// `pace`), and every post and reveal waits its turn here. The limits are the platforms' own (Slack
// chat.postMessage: about one message a second per channel and a workspace-wide budget; Teams: per
// conversation and per bot per tenant), so a fan-out to thousands of channels is paced instead of refused.

import { setTimeout as sleep } from "node:timers/promises";
import { TokenBuckets } from "../shared/token-buckets.js";
import type { ChannelKey } from "../store/types.js";
import type { Notifier } from "./types.js";

/**
 * Token buckets per key, awaited instead of refused: `take` resolves when a token is free. A workspace's
 * bucket holds a few seconds of its budget, so a burst never exceeds what the platform tolerates.
 */
export class Pacer {
  private readonly buckets: TokenBuckets | undefined;

  constructor(perMinute: number, burstSeconds = 5, now: () => number = Date.now) {
    const burst = Math.max(1, Math.floor((perMinute / 60) * burstSeconds));
    this.buckets = perMinute > 0 ? new TokenBuckets(perMinute / 60, burst, now) : undefined;
  }

  async take(key: string, signal?: AbortSignal): Promise<void> {
    if (!this.buckets) return;
    for (let wait = this.buckets.take(key); wait > 0; wait = this.buckets.take(key))
      await sleep(Math.max(1, wait), undefined, signal ? { signal } : undefined);
  }

  /** Forgets keys idle long enough to be full again (called between fan-outs). */
  sweep(): void {
    this.buckets?.sweep();
  }
}

/**
 * The notifier, with each post waiting for its workspace's budget and for the channel's gap since its last
 * post (the reveal and the next quiz go to the same channel back to back). Per process: the scheduler's
 * timetable (scheduler.ts) keeps replicas together within the budget; this keeps each one within it when it
 * catches up on a backlog.
 */
export function pacedNotifier(inner: Notifier): Notifier {
  const pace = inner.pace;
  if (!pace) return inner;
  const workspaces = new Pacer(pace.perWorkspacePerMinute);
  const channels = new Pacer(pace.perChannelGapMs > 0 ? 60_000 / pace.perChannelGapMs : 0, 1);
  let posts = 0;
  const turn = async (channel: ChannelKey) => {
    // Buckets of idle keys go now and then: 5,000 channels a day must not stay in memory.
    if (++posts % 1000 === 0) {
      workspaces.sweep();
      channels.sweep();
    }
    await workspaces.take(channel.workspace);
    await channels.take(`${channel.workspace}\u0000${channel.channel}`);
  };
  return {
    platform: inner.platform,
    pace,
    async postQuiz(channel, quiz) {
      await turn(channel);
      return inner.postQuiz(channel, quiz);
    },
    async postReveal(channel, reveal) {
      await turn(channel);
      return inner.postReveal(channel, reveal);
    },
  };
}
