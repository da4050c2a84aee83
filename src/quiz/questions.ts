import type { KnowledgeBase, Owner } from "../knowledge/schema.js";

/** One question the quiz can ask: from a knowledge entry or a written scenario. */
export interface QuizQuestion {
  /** "entry:<entry id>" or "scenario:<scenario id>"; stored with each posted quiz. */
  id: string;
  prompt: string;
  correct: Owner;
  explanation: string;
  /** A question for the engine that brings up the full answer. */
  learnMore: string | null;
}

export const QUIZ_CHOICES: Owner[] = ["aws", "customer", "shared"];

/** Every question, sorted by id so a seeded draw is the same whatever order the files were read in. */
export function buildQuestionPool(kb: Pick<KnowledgeBase, "entries" | "scenarios">): QuizQuestion[] {
  const firstPhrasing = new Map(kb.entries.map((e) => [e.id, e.phrasings[0] ?? null]));
  const fromEntries = kb.entries.map((e) => ({
    id: `entry:${e.id}`,
    prompt: `Who owns this: ${asClause(e.statement)}?`,
    correct: e.owner,
    explanation: e.rationale,
    learnMore: e.phrasings[0] ?? null,
  }));
  const fromScenarios = kb.scenarios.map((s) => ({
    id: `scenario:${s.id}`,
    prompt: s.prompt,
    correct: s.owner,
    explanation: s.explanation,
    learnMore: (s.entry && firstPhrasing.get(s.entry)) || s.prompt,
  }));
  return [...fromEntries, ...fromScenarios].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "Patching the guest OS." → "patching the guest OS"; names and acronyms keep their capitals. */
function asClause(statement: string): string {
  const s = statement.trim().replace(/[.?!]+$/, "");
  const first = s.split(/\s/, 1)[0] ?? "";
  const keepCase = /^(AWS|Amazon)/.test(first) || /^.[A-Z0-9]/.test(first);
  return keepCase ? s : s.charAt(0).toLowerCase() + s.slice(1);
}
