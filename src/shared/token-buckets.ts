// Token buckets per key: up to `burst` at once, refilled at `perSecond`. The server's rate limits refuse a
// request when its key has no token (src/server/rate-limit.ts); the quiz's pacer waits for one instead
// (src/quiz/pacing.ts). Keys idle long enough to be full again are forgotten, so the map holds only the
// keys active lately.

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  /** How long an idle bucket takes to fill up: past it, forgetting the key changes nothing. */
  readonly fullAfterMs: number;

  /** `buckets` may bound how many keys are held (a BoundedMap); the oldest then start again full. */
  constructor(
    private readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly buckets: Map<string, Bucket> = new Map(),
  ) {
    this.fullAfterMs = perSecond > 0 ? (burst / perSecond) * 1000 : 0;
  }

  /** Takes one token for `key`: 0 when taken, else the milliseconds until one is free. */
  take(key: string): number {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return ((1 - b.tokens) / this.perSecond) * 1000;
  }

  /** Forgets the buckets that have filled up since their last use. */
  sweep(): void {
    const now = this.now();
    for (const [k, b] of this.buckets) if (now - b.at >= this.fullAfterMs) this.buckets.delete(k);
  }
}
