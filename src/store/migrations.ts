import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types.
type Db = Kysely<any>;
/** A new table whose first column is an auto-incrementing key: the one thing spelled per dialect. */
type Serial = (db: Db, table: string, column: string) => ReturnType<Db["schema"]["createTable"]>;

/**
 * The schema, as ordered migrations shared by SQLite and PostgreSQL. Never edit a released migration: add
 * the next one. The only dialect difference is how an auto-incrementing key is spelled.
 */
export function migrations(kind: "sqlite" | "postgres"): Record<string, Migration> {
  const serial: Serial = (db, table, column) =>
    kind === "postgres"
      ? db.schema.createTable(table).addColumn(column, "serial", (c) => c.primaryKey())
      : db.schema.createTable(table).addColumn(column, "integer", (c) => c.primaryKey().autoIncrement());
  return {
    "0001_initial": {
      async up(db: Db) {
        await initialSubscriptions(db);
        await initialQuizzesAndScores(db, serial);
        await initialConversationTables(db, serial);
      },
      async down(db: Db) {
        for (const t of [
          "unanswered_questions",
          "feedback",
          "conversation_refs",
          "quiz_scores",
          "quiz_answers",
          "quizzes",
          "quiz_slots",
          "quiz_subscriptions",
        ])
          await db.schema.dropTable(t).ifExists().execute();
      },
    },
    "0002_platform_reports_and_seen_requests": platformReportsAndSeenRequests,
    // 0003, not 0002: main's 0002_platform_reports_and_seen_requests runs first wherever both exist.
    "0003_feedback_votes": feedbackVotes,
  };
}

/** 0001: subscriptions and their daily slots. */
async function initialSubscriptions(db: Db): Promise<void> {
  await db.schema
    .createTable("quiz_subscriptions")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("workspace", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("time", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull())
    .addColumn("days", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("paused", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("paused_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quiz_subscriptions_pk", ["platform", "workspace", "channel"])
    .execute();

  // One row per channel and local date: inserting it is how a replica claims the daily post.
  await db.schema
    .createTable("quiz_slots")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("workspace", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("slot_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("claimant", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text", (c) => c.notNull())
    .addColumn("quiz_id", "text")
    .addPrimaryKeyConstraint("quiz_slots_pk", ["platform", "workspace", "channel", "slot_date"])
    .execute();
}

/** 0001: quizzes, answers and scores. */
async function initialQuizzesAndScores(db: Db, serial: Serial): Promise<void> {
  await serial(db, "quizzes", "seq")
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("workspace", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("audience", "text")
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("correct", "text", (c) => c.notNull())
    .addColumn("explanation", "text", (c) => c.notNull())
    .addColumn("learn_more", "text")
    .addColumn("slot_date", "text")
    .addColumn("posted_at", "text", (c) => c.notNull())
    .addColumn("revealed_at", "text")
    .addColumn("message_ref", "text")
    .execute();
  await db.schema
    .createIndex("quizzes_channel_idx")
    .on("quizzes")
    .columns(["platform", "workspace", "channel", "mode", "seq"])
    .execute();

  await db.schema
    .createTable("quiz_answers")
    .addColumn("quiz_id", "text", (c) => c.notNull().references("quizzes.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("user_name", "text")
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("correct", "integer", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("answered_at", "text", (c) => c.notNull())
    // A user's first answer is the one that counts: the database refuses a second.
    .addPrimaryKeyConstraint("quiz_answers_pk", ["quiz_id", "user_id"])
    .execute();
  await db.schema.createIndex("quiz_answers_time_idx").on("quiz_answers").column("answered_at").execute();

  await db.schema
    .createTable("quiz_scores")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("workspace", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("user_name", "text")
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("answered", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("correct", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("streak", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("best_streak", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_quiz_id", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quiz_scores_pk", ["platform", "workspace", "channel", "user_id"])
    .execute();
  await db.schema
    .createIndex("quiz_scores_user_idx")
    .on("quiz_scores")
    .columns(["platform", "user_id"])
    .execute();
}

/** 0001: Teams conversation references, feedback and unanswered questions. */
async function initialConversationTables(db: Db, serial: Serial): Promise<void> {
  await db.schema
    .createTable("conversation_refs")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("workspace", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_refs_pk", ["platform", "workspace", "channel"])
    .execute();

  await serial(db, "feedback", "id")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("helpful", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("feedback_target_idx").on("feedback").columns(["helpful", "target"]).execute();

  // Question text only, counted: no user, channel or workspace is kept with it.
  await db.schema
    .createTable("unanswered_questions")
    .addColumn("question", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_seen", "text", (c) => c.notNull())
    .execute();
}

// Reports are per platform: a question asked in the playground must never show in Slack's App Home. The
// key gains the platform, which SQLite cannot add to a primary key in place: a new table takes the rows.
// Rows from before were not told apart; they keep platform "unknown" and show on no platform's report.
const platformReportsAndSeenRequests: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable("unanswered_questions_next")
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("question", "text", (c) => c.notNull())
      .addColumn("count", "integer", (c) => c.notNull())
      .addColumn("first_seen", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("unanswered_questions_pk", ["platform", "question"])
      .execute();
    await db
      .insertInto("unanswered_questions_next")
      .columns(["platform", "question", "count", "first_seen", "last_seen"])
      .expression(
        db
          .selectFrom("unanswered_questions")
          .select([sql<string>`'unknown'`.as("platform"), "question", "count", "first_seen", "last_seen"]),
      )
      .execute();
    await db.schema.dropTable("unanswered_questions").execute();
    await db.schema.alterTable("unanswered_questions_next").renameTo("unanswered_questions").execute();
    await db.schema
      .createIndex("feedback_platform_idx")
      .on("feedback")
      .columns(["platform", "helpful", "target"])
      .execute();

    // Requests already handled (Slack event ids, signatures, Teams activity ids), for as long as the
    // sender may retry or replay them: inserting the key is how a replica claims the request.
    await db.schema
      .createTable("seen_requests")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("seen_requests_expiry_idx")
      .on("seen_requests")
      .column("expires_at")
      .execute();
  },
  async down(db: Db) {
    await db.schema.dropTable("seen_requests").ifExists().execute();
    await db.schema.dropIndex("feedback_platform_idx").ifExists().execute();
    await db.schema
      .createTable("unanswered_questions_prev")
      .addColumn("question", "text", (c) => c.primaryKey())
      .addColumn("count", "integer", (c) => c.notNull())
      .addColumn("first_seen", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .execute();
    await db
      .insertInto("unanswered_questions_prev")
      .columns(["question", "count", "first_seen", "last_seen"])
      .expression(
        db
          .selectFrom("unanswered_questions")
          .select([
            "question",
            sql<number>`sum(count)`.as("count"),
            sql<string>`min(first_seen)`.as("first_seen"),
            sql<string>`max(last_seen)`.as("last_seen"),
          ])
          .groupBy("question"),
      )
      .execute();
    await db.schema.dropTable("unanswered_questions").execute();
    await db.schema.alterTable("unanswered_questions_prev").renameTo("unanswered_questions").execute();
  },
};

const feedbackVotes: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable("feedback_votes")
      .addColumn("vote_key", "text", (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Db) {
    await db.schema.dropTable("feedback_votes").ifExists().execute();
  },
};
