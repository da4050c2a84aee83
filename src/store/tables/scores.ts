import { type Selectable, sql, type Transaction } from "kysely";
import type { Owner } from "../../knowledge/schema.js";
import type { Database, QuizScoresTable } from "../db.js";
import type {
  AnswerInput,
  ChannelKey,
  Platform,
  RecordAnswerResult,
  ScoreRow,
  ScoresStore,
  ScoreUpdater,
  StoredScore,
} from "../types.js";
import { int, iso, Tables, whereKey } from "./shared.js";

/** Answers and the scores they add up to (quiz_answers, quiz_scores). */
export class ScoreTables extends Tables implements ScoresStore {
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
