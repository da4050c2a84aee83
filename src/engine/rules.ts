// The decisions, in order, as a table (Fuse.js's extended-search matchers are the model): the first rule
// whose condition holds answers. `explain` names the rule that fired, so a wrong answer points at one row.
import type { Answer } from "./answer.js";
import { COMMAND_RULES } from "./rules-commands.js";
import { ENTRY_RULES } from "./rules-entries.js";
import type { Rule, Situation } from "./situation.js";

export type { Rule, Situation } from "./situation.js";

export const RULES: readonly Rule[] = [...COMMAND_RULES, ...ENTRY_RULES];

/** The first rule that holds, and its answer. */
export function decide(s: Situation): { rule: string; answer: Answer } {
  for (const rule of RULES) if (rule.when(s)) return { rule: rule.name, answer: rule.answer(s) };
  throw new Error("the rules table has no catch-all rule");
}
