import type { Owner } from "../knowledge/schema.js";

export type Platform = "slack" | "teams" | "playground";

/** A chat place: a Slack channel/DM or a Teams conversation, qualified by workspace/tenant. */
export interface ChannelKey {
  platform: Platform;
  /** Slack team id or Teams tenant id; "local" for the playground. */
  workspace: string;
  channel: string;
}

export interface FeedbackRecord {
  platform: Platform;
  /** Entry id for who_owns answers, else the intent name. */
  target: string;
  question: string;
  helpful: boolean;
  /**
   * Who voted, when the surface knows it: a vote is then counted once per voter and answer. Only a hash of
   * voter, target and question is kept, never the voter's id beside the vote.
   */
  voter?: string;
}

export type QuizDays = "weekdays" | "daily";

export interface Subscription extends ChannelKey {
  /** "HH:MM" local time. */
  time: string;
  timezone: string;
  days: QuizDays;
  createdBy: string;
  paused: boolean;
  pausedReason?: string | null;
  /**
   * When the schedule was last set. Slots before it are never posted late, so a new subscription made at
   * 09:10 for 09:00 starts tomorrow instead of firing at once. Filled in by the store when omitted.
   */
  updatedAt?: Date;
}

/** "daily" quizzes go to the whole channel (scheduled or `quiz now`); "practice" ones to one person. */
export type QuizMode = "daily" | "practice";

export interface NewQuiz extends ChannelKey {
  /** Public id carried by the card buttons. */
  id: string;
  questionId: string;
  prompt: string;
  correct: Owner;
  explanation: string;
  /** A question to ask the engine for the full answer. */
  learnMore: string | null;
  mode: QuizMode;
  /** The user a practice question was shown to; null for channel quizzes. */
  audience: string | null;
  /** Local date (YYYY-MM-DD) of the daily slot, or null for on-demand quizzes. */
  slotDate: string | null;
  postedAt: Date;
}

export interface PostedQuiz extends ChannelKey {
  id: string;
  questionId: string;
  prompt: string;
  correct: Owner;
  /** Local date (YYYY-MM-DD) of the daily slot, or null for on-demand quizzes. */
  slotDate: string | null;
  postedAt: Date;
  revealedAt: Date | null;
  /** Platform message reference (Slack ts, Teams activity id) to thread the reveal under. */
  messageRef: string | null;
  explanation: string;
  learnMore: string | null;
  mode: QuizMode;
  audience: string | null;
  /** Posting order within the store; later quizzes have larger numbers. */
  seq: number;
}

/** One past quiz of a channel (or of one person's practice), with how the answers went. */
export interface QuizHistoryItem {
  quizId: string;
  questionId: string;
  postedAt: Date;
  answered: number;
  correctCount: number;
}

export interface ScoreRow {
  user: string;
  userName: string | null;
  points: number;
  answered: number;
  correct: number;
  streak: number;
  bestStreak: number;
}

/** A channel-user's running score as stored; `lastQuizId` is the last channel quiz counted for the streak. */
export interface StoredScore extends ScoreRow {
  lastQuizId: string | null;
}

export interface AnswerInput {
  quizId: string;
  user: string;
  userName: string | null;
  choice: Owner;
  correct: boolean;
  answeredAt: Date;
}

export type RecordAnswerResult =
  | { status: "recorded"; score: StoredScore }
  | { status: "already_answered"; choice: Owner; correct: boolean }
  | { status: "not_found" };

/**
 * Updates a score for one answer. Runs inside the answer's transaction with the score row locked, so it sees
 * every earlier answer of that user; `prev` is null for the user's first answer in the channel.
 */
export type ScoreUpdater = (prev: StoredScore | null) => Omit<StoredScore, "user">;

export interface SlotClaim extends ChannelKey {
  slotDate: string;
  /** Who claims it (a per-process id), so only the claimant releases it. */
  claimant: string;
  now: Date;
  /** A "claimed" slot older than this is taken over: its claimant died before posting. */
  staleBefore: Date;
}

/** Feedback votes and the questions nobody could answer, counted per platform. */
export interface FeedbackStore {
  /** False when this voter already voted on this answer: nothing is recorded then. */
  recordFeedback(f: FeedbackRecord): Promise<boolean>;
  recordUnanswered(platform: Platform, question: string): Promise<void>;
  /** The platform's most asked unanswered questions: one platform's report never shows another's. */
  topUnanswered(platform: Platform, limit: number): Promise<Array<{ question: string; count: number }>>;
  topUnhelpful(
    platform: Platform,
    limit: number,
  ): Promise<Array<{ target: string; question: string; count: number }>>;
}

/** What a conversation needs remembered: requests already handled, and where to post back (Teams). */
export interface ConversationStore {
  /**
   * Claims a request (an event id, a signature, an activity id) until `expiresAt`: true for the first claim,
   * false while an earlier claim holds, on any replica sharing the database. Atomic: of two concurrent claims
   * exactly one wins.
   */
  claimRequest(key: string, expiresAt: Date, now?: Date): Promise<boolean>;
  saveConversationRef(key: ChannelKey, ref: unknown): Promise<void>;
  getConversationRef(key: ChannelKey): Promise<unknown | null>;
}

/** Daily quiz subscriptions (one per channel) and their slots: the database decides which replica posts a slot. */
export interface SubscriptionStore {
  getSubscription(key: ChannelKey): Promise<Subscription | null>;
  /** Creates or replaces the channel's subscription; `updatedAt` defaults to now. */
  saveSubscription(sub: Subscription): Promise<void>;
  /** Returns false when there was none. */
  deleteSubscription(key: ChannelKey): Promise<boolean>;
  listSubscriptions(): Promise<Subscription[]>;
  setSubscriptionPaused(key: ChannelKey, paused: boolean, reason?: string | null): Promise<void>;
  /** True when this claimant now owns the slot (new, or a stale claim taken over). */
  claimSlot(claim: SlotClaim): Promise<boolean>;
  /** Marks a claimed slot as posted; it is never claimed again. */
  completeSlot(key: ChannelKey, slotDate: string, quizId: string): Promise<void>;
  /** Gives a claimed (not posted) slot back so the next tick retries it. */
  releaseSlot(key: ChannelKey, slotDate: string, claimant: string): Promise<void>;
  getSlot(
    key: ChannelKey,
    slotDate: string,
  ): Promise<{ status: "claimed" | "posted"; quizId: string | null } | null>;
}

/** Posted quizzes: channel quizzes and one person's practice questions. */
export interface QuizzesStore {
  insertQuiz(q: NewQuiz): Promise<PostedQuiz>;
  setQuizMessageRef(quizId: string, messageRef: string | null): Promise<void>;
  /** Removes a quiz whose post failed, with any answers to it. */
  deleteQuiz(quizId: string): Promise<void>;
  getQuiz(quizId: string): Promise<PostedQuiz | null>;
  /** The channel quiz stored for a daily slot, if any (how a takeover sees that a dead claimant posted). */
  getSlotQuiz(key: ChannelKey, slotDate: string): Promise<PostedQuiz | null>;
  /** The channel quiz posted just before `seq` (for streaks), or the latest when `beforeSeq` is omitted. */
  previousChannelQuiz(key: ChannelKey, beforeSeq?: number): Promise<PostedQuiz | null>;
  /** Closes every unrevealed channel quiz at once (atomically) and returns them, newest first. */
  closeOpenQuizzes(key: ChannelKey, now: Date): Promise<PostedQuiz[]>;
  /** Past quizzes, oldest first: channel quizzes when `audience` is null, else that user's practice ones. */
  quizHistory(key: ChannelKey, audience: string | null, limit: number): Promise<QuizHistoryItem[]>;
}

/** Answers and the scores they add up to. */
export interface ScoresStore {
  /** Stores a user's first answer and updates their score in one transaction; later answers are refused. */
  recordAnswer(answer: AnswerInput, updateScore: ScoreUpdater): Promise<RecordAnswerResult>;
  quizResults(quizId: string): Promise<{ answered: number; correctCount: number }>;
  /** Best scores in a channel; with `since`, points and counts only from answers given since then. */
  leaderboard(key: ChannelKey, since: Date | null, limit: number): Promise<ScoreRow[]>;
  /** Sets the name a platform user is shown with on leaderboards (looked up after their answer is stored). */
  setUserName(platform: Platform, user: string, userName: string): Promise<void>;
  /** A user's totals over every channel of a platform; null when they never answered. */
  userStats(platform: Platform, user: string): Promise<ScoreRow | null>;
}

/** Quizzes and scores: what the quiz service keeps. */
export interface QuizStore extends QuizzesStore, ScoresStore {}

/** Opening, checking and closing the database. */
export interface StoreLifecycle {
  readonly kind: "sqlite" | "postgres";
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Everything srm-bot keeps: the roles above, composed. SQLite by default, PostgreSQL when DATABASE_URL is set.
 * Questions are stored as text only: never with the user who asked them.
 */
export interface Store
  extends StoreLifecycle,
    FeedbackStore,
    ConversationStore,
    SubscriptionStore,
    QuizStore {}
