// Cues that decide what kind of question this is, before any entry is ranked: overview, comparison,
// off-topic, how-to. Kept apart from the engine so the rules read as a list.
import type { Service } from "../knowledge/schema.js";
import { splitOptions } from "./options.js";
import type { PhraseHit } from "./phrases.js";
import { canonical } from "./text.js";

/** Words that ask for a whole service's picture rather than one task. */
export const OVERVIEW_STEMS = new Set(
  [
    "everything",
    "overview",
    "breakdown",
    "summary",
    "split",
    "list",
    "main",
    "thing",
    "stuff",
    "manage",
    "managing",
  ]
    .concat([
      "break",
      "down",
      "bits",
      "parts",
      "piece",
      "pieces",
      "area",
      "areas",
      "team",
      "moving",
      "migrating",
      "land",
    ])
    // Resource nouns: "rds instances", "dynamodb tables" still ask about the whole service.
    .concat([
      "instance",
      "database",
      "cluster",
      "function",
      "bucket",
      "table",
      "queue",
      "topic",
      "resource",
      "workload",
    ])
    .concat([
      "secur",
      "security",
      "cover",
      "covered",
      "divide",
      "divided",
      "model",
      "cheat",
      "sheet",
      "shared",
    ])
    .concat(["responsibility", "responsibilities", "do", "doe", "what", "giv", "give", "show", "explain"])
    .map(canonical),
);

export function isHowTo(words: string[]): boolean {
  if (words.some((w) => w === "who" || w === "whose" || w === "responsible" || w === "job")) return false;
  const text = words.join(" ");
  return (
    /^(how (do|can|should|would) (i|we|you)|how to|steps? to|show me how)\b/.test(text) ||
    /^(which|what) .*\bshould (i|we) (use|pick|choose|get)\b/.test(text)
  );
}

/**
 * "ec2 vs rds": a service ends right before "versus" and another starts right after it. The first service
 * named must be one of them: in "appsync auth mode (api key vs cognito vs iam)" the versus lists a choice
 * within AppSync, not services to compare.
 */
export function servicesAroundVersus(words: string[], hits: PhraseHit<Service>[]): boolean {
  const first = hits[0];
  return words.some(
    (w, i) =>
      w === "versus" &&
      hits.some((h) => h.end === i && (h === first || h.value === first?.value)) &&
      hits.some(
        (h) =>
          h.start === i + 1 ||
          (h.start === i + 2 && ["amazon", "aws", "the"].includes(words[i + 1] as string)),
      ),
  );
}

export function isDefinition(words: string[]): boolean {
  return /^(what (is|are)|whats|define|meaning of)\b/.test(words.slice(0, 2).join(" "));
}

/** "which controls are shared", "list the shared controls": controls in general, not one of them. */
const CONTROL_STEMS = new Set(["patch", "configur", "train"]);

/** Words that name a kind of control: "shared", "inherited" or "customer-specific" controls in general. */
const CONTROL_KINDS = new Set(["shared", "both", "inherited", "inherit", "hybrid", "specific", "separately"]);

export function asksForControls(words: string[], stems: string[], asked = false): boolean {
  if (!stems.includes("control")) return false;
  // `asked`: an intents.json phrase for the shared controls ("controls split between", "which type of control").
  // "C) Shared" is an answer option of a multiple-choice question, not a word of the question.
  const general = asked || words.some((w, i) => CONTROL_KINDS.has(w) && !/^[a-e]$/.test(words[i - 1] ?? ""));
  // One control named ("shared control for patching") asks about it; all of them listed asks for the list.
  const named = new Set(
    stems.map((s) => (s === "awareness" ? "train" : s)).filter((s) => CONTROL_STEMS.has(s)),
  );
  // "Is patch management one of the shared controls?": one control named beside the kind itself asks whether
  // it is one of them, and the list answers that with each side's part.
  return general && (named.size !== 1 || namesTheKind(words));
}

/** "shared control(s)" as words of the question, not an answer option ("C) Shared") nor "shared between". */
function namesTheKind(words: string[]): boolean {
  // "a shared control" is an article unless the question lists options ("A) … B) …").
  const letters = words.includes("b") && words.includes("c") ? /^[a-e]$/ : /^[b-e]$/;
  return words.some(
    (w, i) => w === "shared" && /^controls?$/.test(words[i + 1] ?? "") && !letters.test(words[i - 1] ?? ""),
  );
}

/** "Which of the following is an example of a shared control? A) … B) …": the stem asks which options are. */
export function choosesSharedControl(clean: string): boolean {
  const list = splitOptions(clean);
  return !!list && /\bwhich\b.*\bshared controls?\b/i.test(list.stem);
}
