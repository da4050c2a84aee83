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
  | { kind: "question"; text: string }
  | { kind: "quiz"; quiz: QuizSub }
  | { kind: "leaderboard"; period: "week" | "all" };

const QUIZ_SUBS = new Set(["daily", "stop", "status", "now", "reveal"]);

export function parseCommand(input: string): ParsedCommand {
  const text = input.trim();
  const [head = "", ...rest] = text.split(/\s+/);
  const word = head.toLowerCase();
  const arg = rest.join(" ");
  switch (word) {
    case "":
    case "help":
    case "?":
      return rest.length === 0 ? { kind: "help" } : { kind: "question", text };
    case "service":
      // "/srm service lambda" reads as the overview question the engine already understands.
      return arg ? { kind: "question", text: `what am I responsible for with ${arg}` } : { kind: "help" };
    case "model":
      return { kind: "question", text: arg ? `service model ${arg}` : "iaas vs paas vs serverless" };
    case "compare":
      return arg
        ? { kind: "question", text: `compare ${arg}` }
        : { kind: "question", text: "compare patching ec2 rds lambda" };
    case "quiz": {
      const sub = rest[0]?.toLowerCase();
      if (!sub) return { kind: "quiz", quiz: { sub: "ask" } };
      if (QUIZ_SUBS.has(sub)) {
        if (sub === "daily") return { kind: "quiz", quiz: { sub: "daily", args: rest.slice(1) } };
        return { kind: "quiz", quiz: { sub } as QuizSub };
      }
      return { kind: "question", text };
    }
    case "leaderboard":
    case "scores": {
      const p = rest[0]?.toLowerCase();
      return { kind: "leaderboard", period: p === "week" || p === "weekly" ? "week" : "all" };
    }
    default:
      return { kind: "question", text };
  }
}
