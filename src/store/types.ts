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
}

export interface Subscription extends ChannelKey {
  /** "HH:MM" local time. */
  time: string;
  timezone: string;
  days: "weekdays" | "daily";
  createdBy: string;
  paused: boolean;
  pausedReason?: string | null;
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

/**
 * Everything srm-bot keeps. One interface; SQLite by default, PostgreSQL when DATABASE_URL is set.
 * Questions are stored as text only: never with the user who asked them.
 */
export interface Store {
  readonly kind: "sqlite" | "postgres";
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;

  recordFeedback(f: FeedbackRecord): Promise<void>;
  recordUnanswered(platform: Platform, question: string): Promise<void>;
  topUnanswered(limit: number): Promise<Array<{ question: string; count: number }>>;
  topUnhelpful(limit: number): Promise<Array<{ target: string; question: string; count: number }>>;

  saveConversationRef(key: ChannelKey, ref: unknown): Promise<void>;
  getConversationRef(key: ChannelKey): Promise<unknown | null>;
}
