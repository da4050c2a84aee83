// What the server and `srm-bot quiz post` build the same way from the configuration: the knowledge base,
// the store's options and the quiz service's settings.

import type { Logger } from "pino";
import type { Config, StoreConfig } from "../config.js";
import { loadKnowledge } from "../knowledge/load.js";
import { projectRoot } from "../knowledge/paths.js";
import type { KnowledgeBase } from "../knowledge/schema.js";
import type { QuizServiceOptions } from "../quiz/service.js";
import type { StoreOptions } from "../store/create.js";

/** Throws KnowledgeError, listing every problem, when the data does not validate. */
export function loadConfiguredKnowledge(config: Config): KnowledgeBase {
  return loadKnowledge({ ...config.knowledge, root: projectRoot });
}

/** The store options for the configured database: PostgreSQL with DATABASE_URL, else the SQLite file. */
export function storeOptions(store: StoreConfig, logger: Logger): StoreOptions {
  return store.kind === "postgres" ? { databaseUrl: store.url, logger } : { sqlitePath: store.path, logger };
}

/** The part of the quiz service's options the configuration sets. */
export function quizSettings(
  config: Config,
): Pick<QuizServiceOptions, "graceMinutes" | "defaultTime" | "defaultTimezone" | "seed" | "postConcurrency"> {
  const { graceMinutes, defaultTime, defaultTimezone, seed, postConcurrency } = config.quiz;
  return {
    graceMinutes,
    defaultTime,
    defaultTimezone,
    postConcurrency,
    ...(seed !== undefined ? { seed } : {}),
  };
}
