import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { Actor } from "../quiz/types.js";
import { BoundedMap } from "../shared/bounded-map.js";

type WebClient = webApi.WebClient;

interface Cached {
  actor: Actor;
  expires: number;
}

/**
 * Who someone is (name, time zone, workspace admin or owner), from users.info, cached for a while so
 * busy channels do not spend the method's rate limit. A failed look-up gives a plain, non-admin actor.
 */
export class UserDirectory {
  private readonly cache: BoundedMap<string, Cached>;

  constructor(
    private readonly logger: Logger,
    private readonly ttlMs = 10 * 60_000,
    max = 5_000,
  ) {
    this.cache = new BoundedMap(max);
  }

  async actor(client: WebClient, user: string, now = Date.now()): Promise<Actor> {
    const hit = this.cache.get(user);
    if (hit && hit.expires > now) return hit.actor;
    try {
      const res = await client.users.info({ user });
      const u = res.user;
      const actor: Actor = {
        user,
        isAdmin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner),
        ...(nameOf(u) ? { userName: nameOf(u) } : {}),
        ...(u?.tz ? { timezone: u.tz } : {}),
      };
      this.remember(user, actor, now);
      return actor;
    } catch (err) {
      this.logger.warn({ err, user }, "users.info failed; treating the user as a non-admin");
      return { user, isAdmin: false };
    }
  }

  clear(): void {
    this.cache.clear();
  }

  private remember(user: string, actor: Actor, now: number): void {
    this.cache.set(user, { actor, expires: now + this.ttlMs });
  }
}

function nameOf(
  u:
    | { name?: string; real_name?: string; profile?: { display_name?: string; real_name?: string } }
    | undefined,
): string | undefined {
  return u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || undefined;
}
