import type { Answer } from "../engine/answer.js";
import { INTENT_NAMES } from "../engine/answer.js";

/** What a helpful / not helpful vote is about: the entry for who_owns answers, else the intent. */
export function feedbackTarget(answer: Answer): string {
  return answer.entry ?? answer.intent;
}

/** Feedback targets arrive in forgeable button values: only known entries and intents are recorded. */
export function isKnownFeedbackTarget(target: string, entryIds: ReadonlySet<string>): boolean {
  return entryIds.has(target) || (INTENT_NAMES as readonly string[]).includes(target);
}

/**
 * Answers worth a vote on every surface: the ones that state something. Help, commands and "I don't know"
 * are not rated anywhere.
 */
const RATED: ReadonlySet<Answer["detail"]["kind"]> = new Set([
  "entry",
  "service",
  "models",
  "controls",
  "compare",
]);

export function isRated(answer: Answer): boolean {
  return RATED.has(answer.detail.kind);
}
