import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../db.js";
import type { ChannelKey, Platform } from "../types.js";

export const iso = (d: Date) => d.toISOString();
export const int = (v: unknown) => Number(v ?? 0);

/** What every group of tables queries with; Kysely hides the SQLite/PostgreSQL differences the queries care about. */
export abstract class Tables {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly kind: "sqlite" | "postgres",
    protected readonly logger: Logger,
  ) {}
}

/** The channel key of a row of any table keyed by platform, workspace and channel. */
export function channelOf(r: { platform: string; workspace: string; channel: string }): ChannelKey {
  return { platform: r.platform as Platform, workspace: r.workspace, channel: r.channel };
}

/** The where-callback for a channel's rows, in any table keyed by platform, workspace and channel. */
export function whereKey(k: ChannelKey) {
  // biome-ignore lint/suspicious/noExplicitAny: a where-callback shared by tables that all have these columns.
  return (eb: any) =>
    eb.and([
      eb("platform", "=", k.platform),
      eb("workspace", "=", k.workspace),
      eb("channel", "=", k.channel),
    ]);
}
