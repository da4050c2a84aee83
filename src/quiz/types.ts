import type { Owner } from "../knowledge/schema.js";
import type { ChannelKey, Platform, ScoreRow } from "../store/types.js";

/** Where the quiz gets the time; tests pass a fake one. */
export interface Clock {
  now(): Date;
}

/** Who is acting, as the adapter knows them. */
export interface Actor {
  user: string;
  userName?: string;
  /** Workspace admin/owner (Slack) or team owner (Teams): may change anyone's subscription. */
  isAdmin: boolean;
  /** IANA time zone of the user, when the platform tells it (Slack user tz, Teams localTimezone). */
  timezone?: string;
}

export interface QuizCardView {
  quizId: string;
  prompt: string;
  choices: Owner[];
  /** Local date of the daily slot; null for on-demand questions. */
  slotDate: string | null;
  /** "daily" posts go to the channel; "practice" questions are shown to one person. */
  mode: "daily" | "practice";
}

export interface AnswerOutcome {
  status: "recorded" | "already_answered" | "closed" | "not_found" | "unavailable";
  correct?: boolean;
  correctOwner?: Owner;
  explanation?: string;
  /** A question to ask the engine for the full answer (button / link). */
  learnMore?: string;
  /** The user's total points in this channel after this answer ("recorded" only). */
  points?: number;
  /** The user's current streak in this channel after this answer ("recorded" only). */
  streak?: number;
  /** Points this answer earned: 10 for a correct channel quiz, 5 for a correct practice one, else 0. */
  earned?: number;
}

export interface RevealView {
  quizId: string;
  prompt: string;
  correctOwner: Owner;
  explanation: string;
  answered: number;
  correctCount: number;
  /** Where to thread the reveal (Slack ts / Teams activity id of the quiz post). */
  messageRef: string | null;
}

export interface LeaderboardView {
  period: "week" | "all";
  rows: ScoreRow[];
}

export interface CommandResult {
  ok: boolean;
  /** Short text for the requester; plain, no mark-up. */
  message: string;
}

/** What the adapters ask of the quiz. It owns scheduling and scoring; adapters own rendering and posting. */
export interface QuizService {
  /** A practice question for one person. */
  practice(channel: ChannelKey, actor: Actor): Promise<QuizCardView>;
  /** Posts the channel's quiz now, through the notifier (also `quiz now` and `srm-bot quiz post`). */
  postNow(channel: ChannelKey): Promise<QuizCardView>;
  /**
   * Records `actor`'s answer. `from` is the platform the click came from: a quiz of another platform is
   * "not_found", so no surface can write into another's quizzes and scores (adapters always pass it).
   */
  answer(quizId: string, actor: Actor, choice: Owner, from?: Platform): Promise<AnswerOutcome>;
  /**
   * Closes the channel's open quiz and posts its answer through the notifier, threaded under the quiz
   * (`messageRef`); returns what was revealed (null when nothing was open) so the adapter can acknowledge.
   */
  reveal(channel: ChannelKey): Promise<RevealView | null>;
  subscribe(channel: ChannelKey, actor: Actor, args: string[]): Promise<CommandResult>;
  unsubscribe(channel: ChannelKey, actor: Actor): Promise<CommandResult>;
  status(channel: ChannelKey): Promise<CommandResult>;
  leaderboard(channel: ChannelKey, period: "week" | "all"): Promise<LeaderboardView>;
  userStats(platform: Platform, user: string): Promise<ScoreRow | null>;
}

/**
 * How the quiz reaches a chat platform; one per platform, implemented by its adapter. A post that can never
 * succeed (bot removed from the channel, channel archived) should throw an error with `permanent: true`
 * (see QuizPostError): the schedule is then paused instead of retried every minute.
 */
/** A platform's posting limits, as the quiz honours them (pacing.ts). */
export interface Pace {
  /** Messages a minute into one workspace (Slack team, Teams tenant), every replica together. */
  perWorkspacePerMinute: number;
  /** Least time between two messages into one channel (ms). */
  perChannelGapMs: number;
}

export interface Notifier {
  readonly platform: Platform;
  /** How fast it may post; absent: as fast as the quiz asks. */
  readonly pace?: Pace;
  /** Posts the quiz card; returns the platform's message reference for threading the reveal. */
  postQuiz(channel: ChannelKey, quiz: QuizCardView): Promise<{ messageRef: string | null }>;
  postReveal(channel: ChannelKey, reveal: RevealView): Promise<void>;
}
