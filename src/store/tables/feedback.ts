import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { FeedbackRecord, FeedbackStore, Platform } from "../types.js";
import { int, iso, Tables } from "./shared.js";

/** Questions longer than this are cut before being counted; nobody reads a longer one in a report. */
const MAX_QUESTION = 500;

/** Collapses whitespace and caps length so the same question asked twice is counted once. */
export function normalizeQuestion(q: string): string {
  return q.replace(/\s+/g, " ").trim().slice(0, MAX_QUESTION);
}

/** Feedback votes and questions nobody could answer (feedback, unanswered_questions). */
export class FeedbackTables extends Tables implements FeedbackStore {
  async recordFeedback(f: FeedbackRecord): Promise<boolean> {
    const question = normalizeQuestion(f.question);
    const target = f.target.slice(0, 200);
    return this.db.transaction().execute(async (trx) => {
      if (f.voter) {
        const key = createHash("sha256")
          .update([f.platform, f.voter, target, question].join("\u0000"))
          .digest("hex");
        const first = await trx
          .insertInto("feedback_votes")
          .values({ vote_key: key, created_at: iso(new Date()) })
          .onConflict((oc) => oc.column("vote_key").doNothing())
          .returning("vote_key")
          .executeTakeFirst();
        if (!first) return false;
      }
      await trx
        .insertInto("feedback")
        .values({
          platform: f.platform,
          target,
          question,
          helpful: f.helpful ? 1 : 0,
          created_at: iso(new Date()),
        })
        .execute();
      return true;
    });
  }

  async recordUnanswered(platform: Platform, question: string): Promise<void> {
    const q = normalizeQuestion(question);
    if (!q) return;
    const now = iso(new Date());
    await this.db
      .insertInto("unanswered_questions")
      .values({ platform, question: q, count: 1, first_seen: now, last_seen: now })
      .onConflict((oc) =>
        oc.columns(["platform", "question"]).doUpdateSet((eb) => ({
          count: eb("unanswered_questions.count", "+", 1),
          last_seen: now,
        })),
      )
      .execute();
  }

  async topUnanswered(
    platform: Platform,
    limit: number,
  ): Promise<Array<{ question: string; count: number }>> {
    const rows = await this.db
      .selectFrom("unanswered_questions")
      .select(["question", "count"])
      .where("platform", "=", platform)
      .orderBy("count", "desc")
      .orderBy("last_seen", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ question: r.question, count: int(r.count) }));
  }

  async topUnhelpful(
    platform: Platform,
    limit: number,
  ): Promise<Array<{ target: string; question: string; count: number }>> {
    const rows = await this.db
      .selectFrom("feedback")
      .where("platform", "=", platform)
      .where("helpful", "=", 0)
      .select(["target", "question", sql<number>`cast(count(*) as integer)`.as("count")])
      .groupBy(["target", "question"])
      .orderBy("count", "desc")
      .orderBy("target")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ target: r.target, question: r.question, count: int(r.count) }));
  }
}
