// Rate limits per key (a client address, a person): a burst of `burst` requests, then `perSecond` on
// average, refused beyond that. In memory, per replica: a limit is about load on this process, and an attacker
// spreading over replicas meets the same limit on each.

import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { BoundedMap } from "../shared/bounded-map.js";
import { TokenBuckets } from "../shared/token-buckets.js";
import { sendError } from "./errors.js";

export interface RateLimitOptions {
  /** Names the limit in logs and in the 429 body ("ip", "playground", "writes"). */
  name: string;
  /** Sustained rate allowed. */
  perSecond: number;
  /** Requests allowed at once before the rate applies; default twice the per-second rate (at least 1). */
  burst?: number;
  /** Most keys tracked; past it the oldest are dropped (each then starts with a full bucket). */
  maxKeys?: number;
  /** How often one key's refusals are logged (ms); default a minute. */
  reportEveryMs?: number;
  logger: Logger;
  now?: () => number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterS: number };

export class RateLimiter {
  private readonly buckets: TokenBuckets;
  private readonly now: () => number;
  /** Keys refused lately: when each was last logged and how many refusals since. */
  private readonly reported: BoundedMap<string, { at: number; refused: number }>;
  private readonly reportEveryMs: number;
  private sweepAt = 0;

  constructor(private readonly opts: RateLimitOptions) {
    this.now = opts.now ?? Date.now;
    const burst = Math.max(1, opts.burst ?? Math.ceil(opts.perSecond * 2));
    this.buckets = new TokenBuckets(opts.perSecond, burst, this.now, new BoundedMap(opts.maxKeys ?? 100_000));
    this.reportEveryMs = opts.reportEveryMs ?? 60_000;
    // Fewer than the buckets: a flood from many keys logs at most this many lines a minute.
    this.reported = new BoundedMap(10_000);
  }

  get enabled(): boolean {
    return this.opts.perSecond > 0;
  }

  /** Takes one token for `key`, or says how long until one is free. */
  take(key: string): Verdict {
    if (!this.enabled) return { ok: true };
    const now = this.now();
    this.sweep(now);
    const waitMs = this.buckets.take(key);
    if (waitMs === 0) return { ok: true };
    this.noteRefusal(key, now);
    return { ok: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /**
   * One log line per key per minute, however many requests it refused: a flood must not flood the log. The
   * line tells how many were refused since that key's last line.
   */
  private noteRefusal(key: string, now: number): void {
    const seen = this.reported.get(key);
    if (seen && now - seen.at < this.reportEveryMs) {
      seen.refused += 1;
      return;
    }
    this.opts.logger.warn(
      { limit: this.opts.name, key, refused: (seen?.refused ?? 0) + 1 },
      "rate limit: requests refused",
    );
    this.reported.set(key, { at: now, refused: 0 });
  }

  /** Forgets buckets that have refilled: a key idle this long would start full anyway. */
  private sweep(now: number): void {
    if (now < this.sweepAt) return;
    this.sweepAt = now + Math.max(1000, this.buckets.fullAfterMs);
    this.buckets.sweep();
    for (const [k, r] of this.reported) if (now - r.at >= this.reportEveryMs) this.reported.delete(k);
  }
}

/**
 * The per-person limit on writes (quiz answers, votes, quiz commands), shared by every surface; keys are
 * "<platform>:<user>". A person clicking through a quiz and voting makes a few writes in a second, then
 * pauses: bursts of a sixth of the minute's budget (at least 5) pass, a script holding the button does not.
 */
export function userWriteLimiter(perMinute: number, logger: Logger): RateLimiter {
  return new RateLimiter({
    name: "user",
    perSecond: perMinute / 60,
    burst: Math.max(5, Math.ceil(perMinute / 6)),
    logger,
  });
}

/** Answers a refused request: 429 with Retry-After, the body in the server's usual error shape. */
export function tooMany(req: Request, res: Response, retryAfterS: number, what: string): void {
  res.setHeader("retry-after", String(retryAfterS));
  sendError(req, res, 429, "rate_limited", `Too many ${what}; try again in ${retryAfterS} s.`);
}

/** Express middleware: one token per request from `keyOf(req)`; requests without a key pass. */
export function rateLimit(limiter: RateLimiter, keyOf: (req: Request) => string | undefined, what: string) {
  const handler: RequestHandler = (req, res, next) => {
    const key = limiter.enabled ? keyOf(req) : undefined;
    if (key === undefined) {
      next();
      return;
    }
    const verdict = limiter.take(key);
    if (verdict.ok) next();
    else tooMany(req, res, verdict.retryAfterS, what);
  };
  return handler;
}
