import { keyOf } from "../channel-key.js";
import type { ChannelKey, ConversationStore } from "../types.js";
import { iso, Tables, whereKey } from "./shared.js";

/** Expired request claims are deleted once every this many claims, so the table stays the size of the window. */
const PURGE_EVERY = 500;

/** Requests already handled (seen_requests) and Teams conversation references (conversation_refs). */
export class ConversationTables extends Tables implements ConversationStore {
  private claims = 0;

  async claimRequest(key: string, expiresAt: Date, now = new Date()): Promise<boolean> {
    // A new key is inserted; an expired one is taken over by the same statement, so either way one claimant
    // gets the row back and every other gets nothing.
    const row = await this.db
      .insertInto("seen_requests")
      .values({ key: key.slice(0, 200), expires_at: iso(expiresAt) })
      .onConflict((oc) =>
        oc
          .column("key")
          .doUpdateSet({ expires_at: iso(expiresAt) })
          .where("seen_requests.expires_at", "<=", iso(now)),
      )
      .returning("key")
      .executeTakeFirst();
    if (++this.claims % PURGE_EVERY === 0)
      await this.db
        .deleteFrom("seen_requests")
        .where("expires_at", "<=", iso(now))
        .execute()
        .catch((err: unknown) => this.logger.warn({ err }, "could not purge expired request ids"));
    return row !== undefined;
  }

  // ---- Teams conversation references ----

  async saveConversationRef(key: ChannelKey, ref: unknown): Promise<void> {
    const json = JSON.stringify(ref ?? null);
    const now = iso(new Date());
    await this.db
      .insertInto("conversation_refs")
      .values({ ...keyOf(key), ref: json, updated_at: now })
      .onConflict((oc) =>
        oc.columns(["platform", "workspace", "channel"]).doUpdateSet({ ref: json, updated_at: now }),
      )
      .execute();
  }

  async getConversationRef(key: ChannelKey): Promise<unknown | null> {
    const row = await this.db
      .selectFrom("conversation_refs")
      .select("ref")
      .where(whereKey(key))
      .executeTakeFirst();
    return row ? (JSON.parse(row.ref) as unknown) : null;
  }
}
