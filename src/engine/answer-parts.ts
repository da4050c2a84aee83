// Small pieces every composed Answer is made of.
import type { Category, Entry, LayerId } from "../knowledge/schema.js";
import type { Answer, IntentName } from "./answer.js";
import { COMMAND_HEADLINE, COMMANDS, EXAMPLE_QUESTIONS, HELP_HEADLINE } from "./answer-words.js";

/** An answer with everything the contract scores set to "none"; each kind fills in what it knows. */
export function blankAnswer(
  question: string,
  intent: IntentName,
): Omit<Answer, "headline" | "detail" | "confidence" | "suggestions"> &
  Pick<Answer, "confidence" | "suggestions"> {
  return {
    question,
    intent,
    owner: null,
    service: null,
    model: null,
    layer: null,
    entry: null,
    confidence: 1,
    suggestions: [],
  };
}

/** The question a button sends to ask for this entry again. */
export function questionOf(e: Entry): string {
  const p = e.phrasings[0] ?? e.statement;
  return p.endsWith("?") ? p : `${p}?`;
}

/** The compare topic a layer's duties fall under, for rule answers shown beside entries. */
export const LAYER_CATEGORY: Record<LayerId, Category> = {
  facilities: "physical",
  hardware: "infrastructure",
  "global-network": "infrastructure",
  virtualization: "infrastructure",
  "service-software": "patching",
  "guest-os": "patching",
  application: "code",
  data: "data",
  "identity-access": "identity-access",
  "network-config": "network",
  encryption: "encryption",
  "logging-monitoring": "logging-monitoring",
  resilience: "resilience",
  compliance: "compliance",
  training: "training",
};

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function helpAnswer(question: string): Answer {
  return {
    ...blankAnswer(question, "help"),
    suggestions: EXAMPLE_QUESTIONS.slice(0, 3),
    headline: HELP_HEADLINE,
    detail: { kind: "help", examples: EXAMPLE_QUESTIONS, commands: COMMANDS },
  };
}

export function commandAnswer(question: string, command: "quiz" | "leaderboard"): Answer {
  return {
    ...blankAnswer(question, command),
    headline: COMMAND_HEADLINE[command],
    detail: { kind: "command", command },
  };
}
