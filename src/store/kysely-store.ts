import { createHash } from "node:crypto";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Logger } from "pino";
import type { Owner } from "../knowledge/schema.js";
import type { Database, QuizScoresTable, QuizzesTable, SubscriptionsTable } from "./db.js";
import type {
  AnswerInput,
  ChannelKey,
  FeedbackRecord,
  NewQuiz,
  Platform,
  PostedQuiz,
  QuizHistoryItem,
  RecordAnswerResult,
  ScoreRow,
  ScoreUpdater,
  SlotClaim,
  Store,
  StoredScore,
  Subscription,
} from "./types.js";

/** Questions longer than this are cut before being counted; nobody reads a longer one in a report. */
const MAX_QUESTION = 500;

/** Expired request claims are deleted once every this many claims, so the table stays the size of the window. */
const PURGE_EVERY = 500;

const iso = (d: Date) => d.toISOString();
const int = (v: unknown) => Number(v ?? 0);

/** The one Store implementation: Kysely hides the SQLite/PostgreSQL differences the queries care about. */
export class KyselyStore implements Store {
  private claims = 0;
  constructor(
    private readonly db: Kysely<Database>,
    readonly kind: "sqlite" | "postgres",
    private readonly runMigrate: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  migrate(): Promise<void> {
    return this.runMigrate();
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, "database ping failed");
      return false;
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- feedback and unanswered questions ----

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

  // ---- requests already handled ----

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

  // ---- subscriptions ----

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

  // ---- quizzes ----

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

  async recordAnswer(answer: AnswerInput, updateScore: ScoreUpdater): Promise<RecordAnswerResult> {
    return this.db.transaction().execute(async (trx) => {
      const quiz = await trx
        .selectFrom("quizzes")
        .select(["platform", "workspace", "channel"])
        .where("id", "=", answer.quizId)
        .executeTakeFirst();
      if (!quiz) return { status: "not_found" } as const;
      // The score first, so the answer row is written once with its points: one statement fewer per answer,
      // the quiz's busiest write. A second click finds its answer row taken and changes nothing.
      const key = { platform: quiz.platform, workspace: quiz.workspace, channel: quiz.channel };
      const prev = await this.lockScore(trx, key, answer.user);
      const next = updateScore(prev);
      const now = iso(answer.answeredAt);
      const inserted = await trx
        .insertInto("quiz_answers")
        .values({
          quiz_id: answer.quizId,
          user_id: answer.user,
          user_name: answer.userName,
          choice: answer.choice,
          correct: answer.correct ? 1 : 0,
          points: next.points - (prev?.points ?? 0),
          answered_at: now,
        })
        .onConflict((oc) => oc.columns(["quiz_id", "user_id"]).doNothing())
        .returning("quiz_id")
        .executeTakeFirst();
      if (!inserted) {
        const first = await trx
          .selectFrom("quiz_answers")
          .select(["choice", "correct"])
          .where("quiz_id", "=", answer.quizId)
          .where("user_id", "=", answer.user)
          .executeTakeFirstOrThrow();
        return {
          status: "already_answered",
          choice: first.choice as Owner,
          correct: first.correct === 1,
        } as const;
      }
      const values = {
        user_name: answer.userName ?? next.userName,
        points: next.points,
        answered: next.answered,
        correct: next.correct,
        streak: next.streak,
        best_streak: next.bestStreak,
        last_quiz_id: next.lastQuizId,
        updated_at: now,
      };
      await trx
        .updateTable("quiz_scores")
        .set(values)
        .where("platform", "=", key.platform)
        .where("workspace", "=", key.workspace)
        .where("channel", "=", key.channel)
        .where("user_id", "=", answer.user)
        .execute();
      return {
        status: "recorded",
        score: { ...next, user: answer.user, userName: values.user_name },
      } as const;
    });
  }

  /** Reads a user's score row, creating it first, and locks it (PostgreSQL) until the transaction ends. */
  private async lockScore(
    trx: Transaction<Database>,
    key: { platform: string; workspace: string; channel: string },
    user: string,
  ): Promise<StoredScore | null> {
    const created = await trx
      .insertInto("quiz_scores")
      .values({
        ...key,
        user_id: user,
        user_name: null,
        points: 0,
        answered: 0,
        correct: 0,
        streak: 0,
        best_streak: 0,
        last_quiz_id: null,
        updated_at: iso(new Date()),
      })
      .onConflict((oc) => oc.columns(["platform", "workspace", "channel", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (created) return null;
    const row = await trx
      .selectFrom("quiz_scores")
      .selectAll()
      .where("platform", "=", key.platform)
      .where("workspace", "=", key.workspace)
      .where("channel", "=", key.channel)
      .where("user_id", "=", user)
      // SQLite has no row locks; its writer lock, taken by the insert above, already serialises us.
      .$if(this.kind === "postgres", (qb) => qb.forUpdate())
      .executeTakeFirstOrThrow();
    return toStoredScore(row);
  }

  async quizResults(quizId: string): Promise<{ answered: number; correctCount: number }> {
    const row = await this.db
      .selectFrom("quiz_answers")
      .where("quiz_id", "=", quizId)
      .select([
        sql<number>`cast(count(*) as integer)`.as("answered"),
        sql<number>`cast(coalesce(sum(correct), 0) as integer)`.as("correct_count"),
      ])
      .executeTakeFirst();
    return { answered: int(row?.answered), correctCount: int(row?.correct_count) };
  }

  async leaderboard(key: ChannelKey, since: Date | null, limit: number): Promise<ScoreRow[]> {
    if (since === null) {
      const rows = await this.db
        .selectFrom("quiz_scores")
        .selectAll()
        .where(whereKey(key))
        .where("answered", ">", 0)
        .orderBy("points", "desc")
        .orderBy("correct", "desc")
        .orderBy("best_streak", "desc")
        .orderBy("user_id")
        .limit(limit)
        .execute();
      return rows.map((r) => toScoreRow(toStoredScore(r)));
    }
    const rows = await this.db
      .selectFrom("quiz_answers as a")
      .innerJoin("quizzes as q", "q.id", "a.quiz_id")
      .leftJoin("quiz_scores as s", (j) =>
        j
          .onRef("s.platform", "=", "q.platform")
          .onRef("s.workspace", "=", "q.workspace")
          .onRef("s.channel", "=", "q.channel")
          .onRef("s.user_id", "=", "a.user_id"),
      )
      .where("q.platform", "=", key.platform)
      .where("q.workspace", "=", key.workspace)
      .where("q.channel", "=", key.channel)
      .where("a.answered_at", ">=", iso(since))
      .groupBy(["a.user_id", "s.user_name", "s.streak", "s.best_streak"])
      .select([
        "a.user_id",
        "s.user_name",
        sql<number>`cast(coalesce(sum(a.points), 0) as integer)`.as("points"),
        sql<number>`cast(count(*) as integer)`.as("answered"),
        sql<number>`cast(coalesce(sum(a.correct), 0) as integer)`.as("correct"),
        sql<number>`cast(coalesce(s.streak, 0) as integer)`.as("streak"),
        sql<number>`cast(coalesce(s.best_streak, 0) as integer)`.as("best_streak"),
      ])
      .orderBy("points", "desc")
      .orderBy("correct", "desc")
      .orderBy("a.user_id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      user: r.user_id,
      userName: r.user_name ?? null,
      points: int(r.points),
      answered: int(r.answered),
      correct: int(r.correct),
      streak: int(r.streak),
      bestStreak: int(r.best_streak),
    }));
  }

  async setUserName(platform: Platform, user: string, userName: string): Promise<void> {
    const name = userName.slice(0, 200);
    await this.db
      .updateTable("quiz_scores")
      .set({ user_name: name })
      .where("platform", "=", platform)
      .where("user_id", "=", user)
      .where((eb) => eb.or([eb("user_name", "is", null), eb("user_name", "<>", name)]))
      .execute();
  }

  async userStats(platform: Platform, user: string): Promise<ScoreRow | null> {
    const rows = await this.db
      .selectFrom("quiz_scores")
      .selectAll()
      .where("platform", "=", platform)
      .where("user_id", "=", user)
      .orderBy("updated_at", "desc")
      .execute();
    if (rows.length === 0) return null;
    const scores = rows.map(toStoredScore);
    return {
      user,
      userName: scores.find((s) => s.userName)?.userName ?? null,
      points: scores.reduce((n, s) => n + s.points, 0),
      answered: scores.reduce((n, s) => n + s.answered, 0),
      correct: scores.reduce((n, s) => n + s.correct, 0),
      streak: Math.max(...scores.map((s) => s.streak)),
      bestStreak: Math.max(...scores.map((s) => s.bestStreak)),
    };
  }
}

/** Collapses whitespace and caps length so the same question asked twice is counted once. */
export function normalizeQuestion(q: string): string {
  return q.replace(/\s+/g, " ").trim().slice(0, MAX_QUESTION);
}

function keyOf(k: ChannelKey) {
  return { platform: k.platform, workspace: k.workspace, channel: k.channel };
}

function whereKey(k: ChannelKey) {
  // biome-ignore lint/suspicious/noExplicitAny: a where-callback shared by tables that all have these columns.
  return (eb: any) =>
    eb.and([
      eb("platform", "=", k.platform),
      eb("workspace", "=", k.workspace),
      eb("channel", "=", k.channel),
    ]);
}

function toSubscription(r: Selectable<SubscriptionsTable>): Subscription {
  return {
    platform: r.platform as Platform,
    workspace: r.workspace,
    channel: r.channel,
    time: r.time,
    timezone: r.timezone,
    days: r.days === "daily" ? "daily" : "weekdays",
    createdBy: r.created_by,
    paused: int(r.paused) === 1,
    pausedReason: r.paused_reason,
    updatedAt: new Date(r.updated_at),
  };
}

function toQuiz(r: Selectable<QuizzesTable>): PostedQuiz {
  return {
    platform: r.platform as Platform,
    workspace: r.workspace,
    channel: r.channel,
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

function toStoredScore(r: Selectable<QuizScoresTable>): StoredScore {
  return {
    user: r.user_id,
    userName: r.user_name,
    points: int(r.points),
    answered: int(r.answered),
    correct: int(r.correct),
    streak: int(r.streak),
    bestStreak: int(r.best_streak),
    lastQuizId: r.last_quiz_id,
  };
}

function toScoreRow(s: StoredScore): ScoreRow {
  const { lastQuizId: _unused, ...row } = s;
  return row;
}
