import type { Answer } from "../engine/answer.js";

/** The stable machine contract of `ask --json`: these keys, in this order, and nothing else. */
export interface AnswerJson {
  question: string;
  intent: string;
  owner: Answer["owner"];
  service: string | null;
  model: Answer["model"];
  layer: Answer["layer"];
  entry: string | null;
  confidence: number;
  suggestions: string[];
}

export function toJson(question: string, a: Answer): AnswerJson {
  return {
    question,
    intent: a.intent,
    owner: a.owner,
    service: a.service,
    model: a.model,
    layer: a.layer,
    entry: a.entry,
    confidence: a.confidence,
    suggestions: a.suggestions,
  };
}

export function toJsonLine(question: string, a: Answer): string {
  return JSON.stringify(toJson(question, a));
}
