import { type Selectable, sql } from "kysely";
import type { Owner } from "../../knowledge/schema.js";
import { keyOf } from "../channel-key.js";
import type { QuizzesTable } from "../db.js";
import type { ChannelKey, NewQuiz, PostedQuiz, QuizHistoryItem, QuizzesStore } from "../types.js";
import { channelOf, int, iso, Tables, whereKey } from "./shared.js";

/** Posted quizzes (quizzes). */
export class QuizTables extends Tables implements QuizzesStore {
  async insertQuiz(q: NewQuiz): Promise<PostedQuiz> {
    const row = await this.db
      .insertInto("quizzes")
      .values({
        id: q.id,
        ...keyOf(q),
        mode: q.mode,
        audience: q.audience,
        question_id: q.questionId,
        prompt: q.prompt,
        correct: q.correct,
        explanation: q.explanation,
        learn_more: q.learnMore,
        slot_date: q.slotDate,
        posted_at: iso(q.postedAt),
        revealed_at: null,
        message_ref: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toQuiz(row);
  }

  async setQuizMessageRef(quizId: string, messageRef: string | null): Promise<void> {
    await this.db.updateTable("quizzes").set({ message_ref: messageRef }).where("id", "=", quizId).execute();
  }

  async deleteQuiz(quizId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("quiz_answers").where("quiz_id", "=", quizId).execute();
      await trx.deleteFrom("quizzes").where("id", "=", quizId).execute();
    });
  }

  async getQuiz(quizId: string): Promise<PostedQuiz | null> {
    const row = await this.db.selectFrom("quizzes").selectAll().where("id", "=", quizId).executeTakeFirst();
    return row ? toQuiz(row) : null;
  }

  async getSlotQuiz(key: ChannelKey, slotDate: string): Promise<PostedQuiz | null> {
    const row = await this.db
      .selectFrom("quizzes")
      .selectAll()
      .where(whereKey(key))
      .where("mode", "=", "daily")
      .where("slot_date", "=", slotDate)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? toQuiz(row) : null;
  }

  async previousChannelQuiz(key: ChannelKey, beforeSeq?: number): Promise<PostedQuiz | null> {
    let q = this.db
      .selectFrom("quizzes")
      .selectAll()
      .where(whereKey(key))
      .where("mode", "=", "daily")
      .orderBy("seq", "desc")
      .limit(1);
    if (beforeSeq !== undefined) q = q.where("seq", "<", beforeSeq);
    const row = await q.executeTakeFirst();
    return row ? toQuiz(row) : null;
  }

  async closeOpenQuizzes(key: ChannelKey, now: Date): Promise<PostedQuiz[]> {
    const rows = await this.db
      .updateTable("quizzes")
      .set({ revealed_at: iso(now) })
      .where(whereKey(key))
      .where("mode", "=", "daily")
      .where("revealed_at", "is", null)
      .returningAll()
      .execute();
    return rows.map(toQuiz).sort((a, b) => b.seq - a.seq);
  }

  async quizHistory(key: ChannelKey, audience: string | null, limit: number): Promise<QuizHistoryItem[]> {
    const rows = await this.db
      .selectFrom("quizzes as q")
      .leftJoin("quiz_answers as a", "a.quiz_id", "q.id")
      .where("q.platform", "=", key.platform)
      .where("q.workspace", "=", key.workspace)
      .where("q.channel", "=", key.channel)
      .where((eb) =>
        audience === null
          ? eb("q.mode", "=", "daily")
          : eb.and([eb("q.mode", "=", "practice"), eb("q.audience", "=", audience)]),
      )
      .groupBy(["q.seq", "q.id", "q.question_id", "q.posted_at"])
      .select([
        "q.seq",
        "q.id",
        "q.question_id",
        "q.posted_at",
        sql<number>`cast(count(a.user_id) as integer)`.as("answered"),
        sql<number>`cast(coalesce(sum(a.correct), 0) as integer)`.as("correct_count"),
      ])
      .orderBy("q.seq", "desc")
      .limit(limit)
      .execute();
    return rows.reverse().map((r) => ({
      quizId: r.id,
      questionId: r.question_id,
      postedAt: new Date(r.posted_at),
      answered: int(r.answered),
      correctCount: int(r.correct_count),
    }));
  }
}

function toQuiz(r: Selectable<QuizzesTable>): PostedQuiz {
  return {
    ...channelOf(r),
    id: r.id,
    seq: int(r.seq),
    questionId: r.question_id,
    prompt: r.prompt,
    correct: r.correct as Owner,
    explanation: r.explanation,
    learnMore: r.learn_more,
    mode: r.mode === "practice" ? "practice" : "daily",
    audience: r.audience,
    slotDate: r.slot_date,
    postedAt: new Date(r.posted_at),
    revealedAt: r.revealed_at ? new Date(r.revealed_at) : null,
    messageRef: r.message_ref,
  };
}
