export { isPermanentPostError, NotifierUnavailableError, QuizPostError } from "./errors.js";
export { buildQuestionPool, QUIZ_CHOICES, type QuizQuestion } from "./questions.js";
export { seededRandom } from "./random.js";
export {
  describeSchedule,
  type FixedSubscriptionInput,
  parseSchedule,
  SCHEDULE_USAGE,
  type Schedule,
  SubscriptionListError,
  subscriptionsFromEnv,
} from "./schedule.js";
export { createScheduler, type Scheduler, type SchedulerOptions, type TickReport } from "./scheduler.js";
export { DAILY_POINTS, PRACTICE_POINTS } from "./scoring.js";
export {
  CONFIG_SUBSCRIBER,
  createQuizService,
  type QuizRuntime,
  type QuizServiceOptions,
} from "./service.js";
export type * from "./types.js";
