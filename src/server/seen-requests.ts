// Requests already handled, remembered in the store (PostgreSQL when configured, else SQLite) so that a retry
// or a replay is recognised on any replica and after a restart: Slack retries events (same event_id) and
// Socket Mode envelopes, anyone holding a signed request can resend it within Slack's 5-minute window, and Bot
// Framework may deliver an activity again. The first claim of a key wins, atomically, in the database.

import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Store } from "../store/types.js";

/** A claim that takes longer than this is given up on: answering beats waiting for a sick database. */
const CLAIM_TIMEOUT_MS = 1_500;

export class SeenRequests {
  private lastWarning = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /**
   * True when none of `keys` was claimed before (they are claimed now, for `ttlMs`); false for a repeat.
   * With the store unreachable the request is treated as new (logged once a minute): a retry answered twice
   * during an outage is better than every request refused.
   */
  async firstTime(keys: string[], ttlMs: number): Promise<boolean> {
    if (keys.length === 0) return true;
    const expires = new Date(Date.now() + ttlMs);
    let timer: NodeJS.Timeout | undefined;
    try {
      const claims = Promise.all(keys.map((k) => this.store.claimRequest(k, expires)));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("claim timed out")), CLAIM_TIMEOUT_MS);
      });
      const won = await Promise.race([claims, timeout]);
      return won.every(Boolean);
    } catch (err) {
      const now = Date.now();
      if (now - this.lastWarning > 60_000) {
        this.lastWarning = now;
        this.logger.warn(
          { err: (err as Error).message },
          "could not check for a repeated request in the store; handling it as new",
        );
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A key for secret-derived or long values: fixed length, and nothing of the value itself is stored. */
export function hashKey(prefix: string, value: string): string {
  return `${prefix}:${createHash("sha256").update(value).digest("base64url")}`;
}
