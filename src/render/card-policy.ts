// Decisions every surface makes the same way, so a Slack message and a Teams card carry the same facts.

import type { EntryDetail, EntryRef } from "../engine/answer.js";

/** Related questions under an answer, on every surface. */
export const MAX_RELATED = 3;

/** The label of the button that opens a quiz question's whole answer. */
export const FULL_ANSWER = "Full answer";

/**
 * The related questions an answer card offers: never the close call (already offered as "You may also
 * mean"), never the same question twice, at most MAX_RELATED.
 */
export function relatedToShow(d: EntryDetail): EntryRef[] {
  const seen = new Set<string>();
  if (d.closeCall) seen.add(d.closeCall.id).add(d.closeCall.question);
  const out: EntryRef[] = [];
  for (const r of d.related) {
    if (seen.has(r.id) || seen.has(r.question)) continue;
    seen.add(r.id).add(r.question);
    out.push(r);
    if (out.length === MAX_RELATED) break;
  }
  return out;
}
