import type { Logger } from "pino";
import type { Engine } from "../engine/engine.js";
import type { QuizService } from "../quiz/types.js";
import type { RateLimiter } from "../server/rate-limit.js";
import type { Store } from "../store/types.js";
import type { UserDirectory } from "./users.js";

/** What every Slack listener receives from createSlackApp. */
export interface SlackDeps {
  engine: Engine;
  store: Store;
  /** Read at each use: the quiz service may be attached after the app is built (setQuiz). */
  quiz: () => QuizService | undefined;
  logger: Logger;
  users: UserDirectory;
  /** Writes per person (keys "slack:<team>:<user>"); absent: no limit. */
  userLimit?: RateLimiter;
}
