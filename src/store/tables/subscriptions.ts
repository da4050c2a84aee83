import type { Selectable } from "kysely";
import { keyOf } from "../channel-key.js";
import type { SubscriptionsTable } from "../db.js";
import type { ChannelKey, SlotClaim, Subscription, SubscriptionStore } from "../types.js";
import { channelOf, int, iso, Tables, whereKey } from "./shared.js";

/** Daily quiz subscriptions and their slots (quiz_subscriptions, quiz_slots). */
export class SubscriptionTables extends Tables implements SubscriptionStore {
  async getSubscription(key: ChannelKey): Promise<Subscription | null> {
    const row = await this.db
      .selectFrom("quiz_subscriptions")
      .selectAll()
      .where(whereKey(key))
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async saveSubscription(sub: Subscription): Promise<void> {
    const now = iso(sub.updatedAt ?? new Date());
    const values = {
      time: sub.time,
      timezone: sub.timezone,
      days: sub.days,
      created_by: sub.createdBy,
      paused: sub.paused ? 1 : 0,
      paused_reason: sub.pausedReason ?? null,
      updated_at: now,
    };
    await this.db
      .insertInto("quiz_subscriptions")
      .values({ ...keyOf(sub), ...values, created_at: now })
      .onConflict((oc) => oc.columns(["platform", "workspace", "channel"]).doUpdateSet(values))
      .execute();
  }

  async deleteSubscription(key: ChannelKey): Promise<boolean> {
    const r = await this.db.deleteFrom("quiz_subscriptions").where(whereKey(key)).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom("quiz_subscriptions")
      .selectAll()
      .orderBy("platform")
      .orderBy("workspace")
      .orderBy("channel")
      .execute();
    return rows.map(toSubscription);
  }

  async setSubscriptionPaused(key: ChannelKey, paused: boolean, reason?: string | null): Promise<void> {
    await this.db
      .updateTable("quiz_subscriptions")
      .set({ paused: paused ? 1 : 0, paused_reason: paused ? (reason ?? null) : null })
      .where(whereKey(key))
      .execute();
  }

  // ---- daily slots ----

  async claimSlot(c: SlotClaim): Promise<boolean> {
    const inserted = await this.db
      .insertInto("quiz_slots")
      .values({
        ...keyOf(c),
        slot_date: c.slotDate,
        status: "claimed",
        claimant: c.claimant,
        claimed_at: iso(c.now),
        quiz_id: null,
      })
      .onConflict((oc) => oc.columns(["platform", "workspace", "channel", "slot_date"]).doNothing())
      .returning("slot_date")
      .executeTakeFirst();
    if (inserted) return true;
    // Taking over a claim whose owner died mid-post; the WHERE makes it one winner even if several try.
    const r = await this.db
      .updateTable("quiz_slots")
      .set({ claimant: c.claimant, claimed_at: iso(c.now) })
      .where(whereKey(c))
      .where("slot_date", "=", c.slotDate)
      .where("status", "=", "claimed")
      .where("claimed_at", "<", iso(c.staleBefore))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async completeSlot(key: ChannelKey, slotDate: string, quizId: string): Promise<void> {
    await this.db
      .updateTable("quiz_slots")
      .set({ status: "posted", quiz_id: quizId })
      .where(whereKey(key))
      .where("slot_date", "=", slotDate)
      .execute();
  }

  async releaseSlot(key: ChannelKey, slotDate: string, claimant: string): Promise<void> {
    await this.db
      .deleteFrom("quiz_slots")
      .where(whereKey(key))
      .where("slot_date", "=", slotDate)
      .where("status", "=", "claimed")
      .where("claimant", "=", claimant)
      .execute();
  }

  async getSlot(
    key: ChannelKey,
    slotDate: string,
  ): Promise<{ status: "claimed" | "posted"; quizId: string | null } | null> {
    const row = await this.db
      .selectFrom("quiz_slots")
      .select(["status", "quiz_id"])
      .where(whereKey(key))
      .where("slot_date", "=", slotDate)
      .executeTakeFirst();
    return row ? { status: row.status === "posted" ? "posted" : "claimed", quizId: row.quiz_id } : null;
  }
}

function toSubscription(r: Selectable<SubscriptionsTable>): Subscription {
  return {
    ...channelOf(r),
    time: r.time,
    timezone: r.timezone,
    days: r.days === "daily" ? "daily" : "weekdays",
    createdBy: r.created_by,
    paused: int(r.paused) === 1,
    pausedReason: r.paused_reason,
    updatedAt: new Date(r.updated_at),
  };
}
