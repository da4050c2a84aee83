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
      const claims = claimAll(this.store, keys, expires);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("claim timed out")), CLAIM_TIMEOUT_MS);
      });
      return await Promise.race([claims, timeout]);
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

/**
 * Claims the keys one at a time in one fixed order, stopping at the first already taken. Claimed all at once, two
 * replicas given the same request could each win one key (one the event id, the other the signature) and both
 * skip it: acknowledged, and answered by nobody. In one order, whoever wins the first key is the only one who
 * can go on.
 */
async function claimAll(store: Store, keys: string[], expires: Date): Promise<boolean> {
  for (const key of [...keys].sort()) if (!(await store.claimRequest(key, expires))) return false;
  return true;
}

/** A key for secret-derived or long values: fixed length, and nothing of the value itself is stored. */
export function hashKey(prefix: string, value: string): string {
  return `${prefix}:${createHash("sha256").update(value).digest("base64url")}`;
}
