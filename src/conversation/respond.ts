// The one code path from "someone typed or clicked" to "what to show", shared by Teams and the playground.
// It parses nothing platform-specific and renders nothing: adapters turn each Reply into their own card.

import type { Logger } from "pino";
import { type Answer, OWNER_LABEL } from "../engine/answer.js";
import { EXAMPLE_QUESTIONS } from "../engine/answer-words.js";
import type { Engine } from "../engine/engine.js";
import { stripChatMarkup } from "../engine/text.js";
import type { Owner } from "../knowledge/schema.js";
import type {
  Actor,
  AnswerOutcome,
  LeaderboardView,
  QuizCardView,
  QuizService,
  RevealView,
} from "../quiz/types.js";
import type { ChannelKey, Store } from "../store/types.js";
import type { CardAction } from "./actions.js";
import {
  engineCommandAnswer,
  markDefaulted,
  type ParsedCommand,
  parseCommand,
  type QuizSub,
} from "./commands.js";
import { feedbackTarget, isKnownFeedbackTarget } from "./feedback.js";

export type Reply =
  | { kind: "answer"; answer: Answer }
  | { kind: "quiz"; quiz: QuizCardView }
  | { kind: "quiz_outcome"; quizId: string; choice: Owner; outcome: AnswerOutcome }
  | { kind: "reveal"; reveal: RevealView }
  | { kind: "leaderboard"; board: LeaderboardView }
  /**
   * A vote arrived; `answer` is the voted-on answer again, so the card can be redrawn without buttons.
   * `counted` is false when this person had already voted on this answer (the vote was not stored again).
   */
  | { kind: "feedback"; helpful: boolean; answer: Answer | null; counted: boolean }
  | { kind: "welcome"; examples: string[] }
  | { kind: "notice"; text: string; tone: "info" | "warning" };

/** A typed message, a message already read (readMessage), or a button press. */
export type RespondInput = { text: string } | { command: ParsedCommand } | { action: CardAction };

export interface RespondContext {
  engine: Engine;
  /** Absent in tools that keep nothing (feedback and unanswered questions are then not recorded). */
  store?: Store | null;
  /** Absent until the quiz is wired: quiz commands then answer that the quiz is not available. */
  quiz?: QuizService | null;
  channel: ChannelKey;
  actor: Actor;
  logger?: Logger;
  /**
   * How a failure (the store or a platform call) is told: by default respond() logs it and answers with the
   * failure notice, or with `explainFailure`'s sentence when it has one; "throw" leaves it to the caller
   * (Teams answers an invoke in a form of its own).
   */
  failures?: "notice" | "throw";
  explainFailure?: (err: unknown) => string | undefined;
}

/** What every surface says when answering failed on its side. */
export const FAILURE_NOTICE = "Sorry, something went wrong on my side. Please try again in a moment.";

/** What every surface says to a button whose data it no longer knows. */
export const STALE_BUTTON = "Sorry, that button doesn't work any more. Ask me again, or type help.";

export const QUIZ_UNAVAILABLE = "The quiz isn't available right now. Ask me who owns a task in the meantime.";

/** A typed message read once: what it asks for decides what a surface does before answering it. */
export function readMessage(text: string): { command: ParsedCommand } {
  return { command: parseCommand(stripChatMarkup(text)) };
}

/**
 * Turns one message or button press into what to show. Never throws for bad input; a failure of the store or
 * a platform becomes the failure notice (see RespondContext.failures).
 */
export async function respond(input: RespondInput, ctx: RespondContext): Promise<Reply[]> {
  try {
    if ("action" in input) return await respondToAction(input.action, ctx);
    return await respondToCommand("command" in input ? input.command : readMessage(input.text).command, ctx);
  } catch (err) {
    if (ctx.failures === "throw") throw err;
    ctx.logger?.error(
      { err, platform: ctx.channel.platform, channel: ctx.channel.channel },
      "could not answer",
    );
    return [notice(ctx.explainFailure?.(err) ?? FAILURE_NOTICE, "warning")];
  }
}

export function welcomeReply(): Reply {
  return { kind: "welcome", examples: EXAMPLE_QUESTIONS.slice(0, 4) };
}

async function respondToCommand(cmd: ParsedCommand, ctx: RespondContext): Promise<Reply[]> {
  switch (cmd.kind) {
    case "help":
    case "controls":
    case "service":
    case "model":
      return [{ kind: "answer", answer: engineCommandAnswer(ctx.engine, cmd) }];
    case "leaderboard":
      return leaderboard(cmd.period, ctx);
    case "quiz":
      return quizCommand(cmd.quiz, ctx);
    case "question":
      return ask(cmd.text, ctx, cmd.defaulted);
  }
}

async function ask(question: string, ctx: RespondContext, defaulted = false): Promise<Reply[]> {
  const resolved = ctx.engine.resolve(question);
  const answer = defaulted ? markDefaulted(resolved) : resolved;
  if (answer.detail.kind === "command") {
    // "give me a quiz question" in plain words: the engine recognises it, the quiz service answers it.
    return answer.detail.command === "quiz" ? quizCommand({ sub: "ask" }, ctx) : leaderboard("all", ctx);
  }
  if (answer.detail.kind === "fallback" && answer.detail.reason !== "empty" && ctx.store) {
    try {
      await ctx.store.recordUnanswered(ctx.channel.platform, answer.question);
    } catch (err) {
      // Losing one unanswered question is better than losing the answer.
      ctx.logger?.warn({ err }, "could not record an unanswered question");
    }
  }
  return [{ kind: "answer", answer }];
}

async function quizCommand(sub: QuizSub, ctx: RespondContext): Promise<Reply[]> {
  const quiz = ctx.quiz;
  if (!quiz) return [notice(QUIZ_UNAVAILABLE, "warning")];
  switch (sub.sub) {
    case "ask":
      return [{ kind: "quiz", quiz: await quiz.practice(ctx.channel, ctx.actor) }];
    case "now":
      // The quiz service posts the card through the platform's notifier, where everyone sees it.
      await quiz.postNow(ctx.channel);
      return [notice("Posted a quiz question here. Answers stay private until the reveal.", "info")];
    case "reveal": {
      // The quiz service posts the answer under the quiz itself; this only acknowledges the command.
      const reveal = await quiz.reveal(ctx.channel);
      if (!reveal) return [notice("There is no open quiz question here to reveal.", "info")];
      const tally = `${reveal.answered} answered, ${reveal.correctCount} correct`;
      return [notice(`Revealed: the answer was ${OWNER_LABEL[reveal.correctOwner]} (${tally}).`, "info")];
    }
    case "daily":
      return [result(await quiz.subscribe(ctx.channel, ctx.actor, sub.args))];
    case "stop":
      return [result(await quiz.unsubscribe(ctx.channel, ctx.actor))];
    case "status":
      return [result(await quiz.status(ctx.channel))];
  }
}

async function leaderboard(period: "week" | "all", ctx: RespondContext): Promise<Reply[]> {
  if (!ctx.quiz) return [notice(QUIZ_UNAVAILABLE, "warning")];
  return [{ kind: "leaderboard", board: await ctx.quiz.leaderboard(ctx.channel, period) }];
}

async function respondToAction(action: CardAction, ctx: RespondContext): Promise<Reply[]> {
  switch (action.a) {
    case "ask":
    case "share":
      // Buttons carry questions, never commands: a forged value cannot subscribe a channel to anything.
      return ask(action.q, ctx);
    case "feedback":
      return feedback(action, ctx);
    case "quiz_answer": {
      if (!ctx.quiz) return [notice(QUIZ_UNAVAILABLE, "warning")];
      const outcome = await ctx.quiz.answer(action.quiz, ctx.actor, action.choice, ctx.channel.platform);
      return [{ kind: "quiz_outcome", quizId: action.quiz, choice: action.choice, outcome }];
    }
    case "quiz_new":
      return quizCommand({ sub: "ask" }, ctx);
  }
}

async function feedback(
  action: Extract<CardAction, { a: "feedback" }>,
  ctx: RespondContext,
): Promise<Reply[]> {
  if (!isKnownFeedbackTarget(action.target, entryIdsOf(ctx.engine)))
    return [notice("Sorry, I couldn't record that feedback.", "warning")];
  const question = stripChatMarkup(action.q);
  // Counted once per person and answer: a card's buttons can be pressed again, or replayed.
  const voter = ctx.actor.user ? `${ctx.channel.workspace}\u0000${ctx.actor.user}` : undefined;
  const counted = ctx.store
    ? await ctx.store.recordFeedback({
        platform: ctx.channel.platform,
        target: action.target,
        question,
        helpful: action.helpful,
        ...(voter ? { voter } : {}),
      })
    : true;
  const again = question ? ctx.engine.resolve(question) : null;
  const answer = again && feedbackTarget(again) === action.target ? again : null;
  return [{ kind: "feedback", helpful: action.helpful, answer, counted }];
}

/** The knowledge base's entry ids, built once per engine rather than on every vote. */
const entryIdCache = new WeakMap<Engine, ReadonlySet<string>>();
function entryIdsOf(engine: Engine): ReadonlySet<string> {
  let ids = entryIdCache.get(engine);
  if (!ids) {
    ids = new Set(engine.kb.entries.map((e) => e.id));
    entryIdCache.set(engine, ids);
  }
  return ids;
}

function result(r: { ok: boolean; message: string }): Reply {
  return notice(r.message, r.ok ? "info" : "warning");
}

function notice(text: string, tone: "info" | "warning"): Reply {
  return { kind: "notice", text, tone };
}
