import type { Generated } from "kysely";

// Table shapes shared by SQLite and PostgreSQL. Times are ISO-8601 UTC text and flags are 0/1 integers in
// both, so one set of queries reads the same values back from either database.

export interface SubscriptionsTable {
  platform: string;
  workspace: string;
  channel: string;
  time: string;
  timezone: string;
  days: string;
  created_by: string;
  paused: number;
  paused_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface QuizSlotsTable {
  platform: string;
  workspace: string;
  channel: string;
  slot_date: string;
  status: string;
  claimant: string;
  claimed_at: string;
  quiz_id: string | null;
}

export interface QuizzesTable {
  seq: Generated<number>;
  id: string;
  platform: string;
  workspace: string;
  channel: string;
  mode: string;
  audience: string | null;
  question_id: string;
  prompt: string;
  correct: string;
  explanation: string;
  learn_more: string | null;
  slot_date: string | null;
  posted_at: string;
  revealed_at: string | null;
  message_ref: string | null;
}

export interface QuizAnswersTable {
  quiz_id: string;
  user_id: string;
  user_name: string | null;
  choice: string;
  correct: number;
  points: number;
  answered_at: string;
}

export interface QuizScoresTable {
  platform: string;
  workspace: string;
  channel: string;
  user_id: string;
  user_name: string | null;
  points: number;
  answered: number;
  correct: number;
  streak: number;
  best_streak: number;
  last_quiz_id: string | null;
  updated_at: string;
}

export interface ConversationRefsTable {
  platform: string;
  workspace: string;
  channel: string;
  ref: string;
  updated_at: string;
}

export interface FeedbackTable {
  id: Generated<number>;
  platform: string;
  target: string;
  question: string;
  helpful: number;
  created_at: string;
}

export interface UnansweredTable {
  platform: string;
  question: string;
  count: number;
  first_seen: string;
  last_seen: string;
}

export interface SeenRequestsTable {
  key: string;
  expires_at: string;
}

export interface FeedbackVotesTable {
  /** sha256 of platform, voter, target and question: a vote is counted once without keeping who cast it. */
  vote_key: string;
  created_at: string;
}

export interface Database {
  seen_requests: SeenRequestsTable;
  quiz_subscriptions: SubscriptionsTable;
  quiz_slots: QuizSlotsTable;
  quizzes: QuizzesTable;
  quiz_answers: QuizAnswersTable;
  quiz_scores: QuizScoresTable;
  conversation_refs: ConversationRefsTable;
  feedback: FeedbackTable;
  feedback_votes: FeedbackVotesTable;
  unanswered_questions: UnansweredTable;
}
