import { type Kysely, sql } from "kysely";
import type { Logger } from "pino";
import type { Database } from "./db.js";
import { ConversationTables } from "./tables/conversations.js";
import { FeedbackTables } from "./tables/feedback.js";
import { QuizTables } from "./tables/quizzes.js";
import { ScoreTables } from "./tables/scores.js";
import { SubscriptionTables } from "./tables/subscriptions.js";
import type {
  ConversationStore,
  FeedbackStore,
  QuizzesStore,
  ScoresStore,
  Store,
  SubscriptionStore,
} from "./types.js";

export { normalizeQuestion } from "./tables/feedback.js";

/**
 * The one Store, for SQLite and PostgreSQL alike: one group of tables per file (src/store/tables), composed
 * with opening, checking and closing the database.
 */
export function kyselyStore(
  db: Kysely<Database>,
  kind: "sqlite" | "postgres",
  migrate: () => Promise<void>,
  logger: Logger,
): Store {
  return {
    kind,
    migrate,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch (err) {
        logger.warn({ err: (err as Error).message }, "database ping failed");
        return false;
      }
    },
    async close() {
      await db.destroy();
    },
    ...methodsOf<FeedbackStore>(new FeedbackTables(db, kind, logger)),
    ...methodsOf<ConversationStore>(new ConversationTables(db, kind, logger)),
    ...methodsOf<SubscriptionStore>(new SubscriptionTables(db, kind, logger)),
    ...methodsOf<QuizzesStore>(new QuizTables(db, kind, logger)),
    ...methodsOf<ScoresStore>(new ScoreTables(db, kind, logger)),
  };
}

/** A part's methods of role `R` as a plain object, each bound to the part, so parts compose by spreading. */
function methodsOf<R extends object>(part: R): R {
  const out: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(part))) {
    const value = (part as Record<string, unknown>)[name];
    if (name !== "constructor" && typeof value === "function") out[name] = value.bind(part);
  }
  return out as R;
}
