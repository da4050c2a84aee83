// A scripted QuizService: records what the Teams adapter asked and returns fixed views, so these tests
// exercise the adapter's side of the contract in src/quiz/types.ts.

import type { Owner } from "../../src/knowledge/schema.js";
import type {
  Actor,
  AnswerOutcome,
  CommandResult,
  LeaderboardView,
  Notifier,
  QuizCardView,
  QuizService,
  RevealView,
} from "../../src/quiz/types.js";
import type { ChannelKey, Platform, ScoreRow } from "../../src/store/types.js";

export interface QuizCall {
  method: keyof QuizService;
  channel?: ChannelKey;
  actor?: Actor;
  args?: unknown[];
}

export const PRACTICE: QuizCardView = {
  quizId: "q-practice-1",
  prompt:
    "Your team runs PostgreSQL on Amazon RDS. A new minor engine version fixes a security bug. Who installs it?",
  choices: ["aws", "customer", "shared"],
  slotDate: null,
  mode: "practice",
};

export const DAILY: QuizCardView = {
  ...PRACTICE,
  quizId: "q-daily-1",
  slotDate: "2026-03-02",
  mode: "daily",
};

export const REVEAL: RevealView = {
  quizId: DAILY.quizId,
  prompt: DAILY.prompt,
  correctOwner: "aws",
  explanation: "AWS patches the RDS engine in your maintenance window; you choose the window.",
  answered: 3,
  correctCount: 2,
  messageRef: null,
};

export class StubQuiz implements QuizService {
  calls: QuizCall[] = [];
  notifier: Notifier | null = null;
  outcome: AnswerOutcome = {
    status: "recorded",
    correct: true,
    correctOwner: "aws",
    explanation: REVEAL.explanation,
    learnMore: "who handles RDS patching?",
    points: 25,
    streak: 3,
    earned: 10,
  };
  board: ScoreRow[] = [
    { user: "u1", userName: "Ada Lovelace", points: 40, answered: 5, correct: 4, streak: 2, bestStreak: 3 },
    {
      user: "u2",
      userName: "[Click me](https://evil.example) <at>Boss</at>",
      points: 10,
      answered: 2,
      correct: 1,
      streak: 0,
      bestStreak: 1,
    },
  ];

  async practice(channel: ChannelKey, actor: Actor) {
    this.calls.push({ method: "practice", channel, actor });
    return PRACTICE;
  }
  async postNow(channel: ChannelKey) {
    this.calls.push({ method: "postNow", channel });
    if (this.notifier) {
      const { messageRef } = await this.notifier.postQuiz(channel, DAILY);
      REVEAL.messageRef = messageRef;
    }
    return DAILY;
  }
  async answer(quizId: string, actor: Actor, choice: Owner) {
    this.calls.push({ method: "answer", actor, args: [quizId, choice] });
    return this.outcome;
  }
  async reveal(channel: ChannelKey) {
    this.calls.push({ method: "reveal", channel });
    if (this.notifier) await this.notifier.postReveal(channel, REVEAL);
    return REVEAL;
  }
  async subscribe(channel: ChannelKey, actor: Actor, args: string[]): Promise<CommandResult> {
    this.calls.push({ method: "subscribe", channel, actor, args });
    return {
      ok: true,
      message: `Daily quiz on: ${args.join(" ") || "09:00"} (${actor.timezone ?? "UTC"}), weekdays.`,
    };
  }
  async unsubscribe(channel: ChannelKey, actor: Actor): Promise<CommandResult> {
    this.calls.push({ method: "unsubscribe", channel, actor });
    return { ok: true, message: "Daily quiz stopped for this channel." };
  }
  async status(channel: ChannelKey): Promise<CommandResult> {
    this.calls.push({ method: "status", channel });
    return { ok: true, message: "No daily quiz here yet: try quiz daily 09:00." };
  }
  async leaderboard(channel: ChannelKey, period: "week" | "all"): Promise<LeaderboardView> {
    this.calls.push({ method: "leaderboard", channel, args: [period] });
    return { period, rows: this.board };
  }
  async userStats(_platform: Platform, _user: string) {
    return null;
  }
}
