import type { Answer } from "../engine/answer.js";
import type { Engine } from "../engine/engine.js";
import { stripChatMarkup } from "../engine/text.js";
// The command words shared by `/srm …` in Slack, bot commands in Teams and the playground.
// Anything that is not a known subcommand is a question for the engine.

export type QuizSub =
  | { sub: "ask" }
  | { sub: "daily"; args: string[] }
  | { sub: "stop" }
  | { sub: "status" }
  | { sub: "now" }
  | { sub: "reveal" };

export type ParsedCommand =
  | { kind: "help" }
  | { kind: "controls" }
  | { kind: "service"; name: string }
  | { kind: "model"; name: string }
  /** `defaulted`: the command named nothing, so srm-bot chose the question (and says so on the card). */
  | { kind: "question"; text: string; defaulted?: boolean }
  | { kind: "quiz"; quiz: QuizSub }
  | { kind: "leaderboard"; period: "week" | "all" };

/** What `/srm controls` asks the engine: the shared controls, with the two other kinds beside them. */
const CONTROLS_QUESTION = "what are the shared controls";

/** The commands the engine answers by itself, the same on every surface. */
export type EngineCommand = Extract<ParsedCommand, { kind: "help" | "controls" | "service" | "model" }>;

export function engineCommandAnswer(engine: Engine, cmd: EngineCommand): Answer {
  switch (cmd.kind) {
    case "help":
      return engine.resolve("help");
    case "controls":
      return engine.resolve(CONTROLS_QUESTION);
    case "service":
      return engine.overview(cmd.name);
    case "model":
      return engine.model(cmd.name);
  }
}

/** What a command or question answers with, for surfaces that show only engine answers (the CLI). */
export function answerFor(engine: Engine, input: string): Answer {
  const text = stripChatMarkup(input);
  // A blank line is no command: it gets the engine's own "ask me something" answer, not the help card.
  if (!text) return engine.resolve(text);
  const cmd = parseCommand(text);
  switch (cmd.kind) {
    case "help":
    case "controls":
    case "service":
    case "model":
      return engineCommandAnswer(engine, cmd);
    case "quiz":
      return engine.resolve("quiz");
    case "leaderboard":
      return engine.resolve("leaderboard");
    case "question": {
      const answer = engine.resolve(cmd.text);
      return cmd.defaulted ? markDefaulted(answer) : answer;
    }
  }
}

const DEFAULT_COMPARE = "compare patching ec2 rds lambda";

/** An answer to a question srm-bot chose itself: a comparison then says its services were the default. */
export function markDefaulted(answer: Answer): Answer {
  return answer.detail.kind === "compare"
    ? { ...answer, detail: { ...answer.detail, defaulted: true } }
    : answer;
}

const QUIZ_SUBS = new Set(["daily", "stop", "status", "now", "reveal"]);

export function parseCommand(input: string): ParsedCommand {
  // "/srm service lambda" typed as a message (or pasted from the help card) is the same command.
  const text = input.trim().replace(/^\/?srm\s+/i, "");
  const [head = "", ...rest] = text.split(/\s+/);
  const word = head.toLowerCase();
  const arg = rest.join(" ");
  switch (word) {
    case "":
    case "help":
    case "?":
      return rest.length === 0 ? { kind: "help" } : { kind: "question", text };
    case "service":
      // Structured: the overview of the service named, never a re-worded question for the engine to guess at.
      return arg ? { kind: "service", name: arg } : { kind: "help" };
    case "model":
      return { kind: "model", name: arg };
    case "compare":
      // Nothing named: patching across one service of each model, and the card says that it chose them.
      return arg
        ? { kind: "question", text: `compare ${arg}` }
        : { kind: "question", text: DEFAULT_COMPARE, defaulted: true };
    case "quiz": {
      const sub = rest[0]?.toLowerCase();
      if (!sub) return { kind: "quiz", quiz: { sub: "ask" } };
      if (QUIZ_SUBS.has(sub)) {
        if (sub === "daily") return { kind: "quiz", quiz: { sub: "daily", args: rest.slice(1) } };
        return { kind: "quiz", quiz: { sub } as QuizSub };
      }
      return { kind: "question", text };
    }
    case "controls":
    case "shared":
      // "/srm controls", "/srm shared (controls)": the three kinds of control, as the engine answers them.
      return rest.length === 0 || (rest.length === 1 && /^controls?$/i.test(rest[0] as string))
        ? { kind: "controls" }
        : { kind: "question", text };
    case "leaderboard":
    case "scores": {
      const p = rest[0]?.toLowerCase();
      return { kind: "leaderboard", period: p === "week" || p === "weekly" ? "week" : "all" };
    }
    default:
      return { kind: "question", text };
  }
}
