// Where in a message the question is: the sentence that asks, its last clause, and the part the asker says
// is already theirs. Returned as indexes into the analysed words, or as the stems that weigh little.
import { type Analysis, expandAbbreviations } from "./analyzer.js";
import { tokenize } from "./text.js";
import { TUNING } from "./tuning.js";

const ASKERS = new Set(["we", "i"]);
/** Words that say the asker does no more than what follows: "we only pick the window". */
export const LIMITERS = new Set(["only", "just", "merely"]);
/** A sentence that opens with the asker's own part: "We just pick the window, right?" */
const STATED_PART = new RegExp(`^(${[...ASKERS].join("|")}) (${[...LIMITERS].join("|")})\\b`, "i");

/**
 * "Who applies the patches on the file servers? We only picked a maintenance window": what the asker says is
 * all they do is the part already settled, so its words weigh little in finding what is asked.
 */
export function statedPartStems(a: Analysis): string[] {
  const at = a.words.findIndex((w, i) => LIMITERS.has(w) && ASKERS.has(a.words[i - 1] as string) && i > 2);
  if (at < 0) return [];
  const span = new Set(a.stems.slice(at + 1, at + 1 + TUNING.statedPartReach));
  const elsewhere = new Set([...a.stems.slice(0, at - 1), ...a.stems.slice(at + 1 + TUNING.statedPartReach)]);
  return [...span].filter((x) => !elsewhere.has(x));
}

/**
 * Where the question starts in a message that tells a story first: the last sentence that asks something
 * ("...?"), when there is more than one sentence. Returned as an index into the analysed words.
 */
export function focusStart(clean: string): number {
  const sentences = clean.split(/(?<=[.!?]["'”’)]*)\s+/);
  if (sentences.length < 2) return 0;
  let i = sentences.length - 1;
  // "…? We just pick the window, right?": a closing line about the asker's own part is not the question.
  while (i > 0 && (!(sentences[i] as string).includes("?") || STATED_PART.test(sentences[i] as string))) i--;
  if (i === 0 && !(sentences[0] as string).includes("?")) i = sentences.length - 1;
  return expandAbbreviations(tokenize(sentences.slice(0, i).join(" "))).length;
}

/** Where the last clause of the message starts ("…, is that on us?", "… - ours?"), as an index into the words. */
export function lastClauseStart(clean: string): number {
  const parts = clean.split(/\s*(?:[,;:]|\s[-–—]+)\s+/);
  if (parts.length < 2) return 0;
  return expandAbbreviations(tokenize(parts.slice(0, -1).join(" "))).length;
}
