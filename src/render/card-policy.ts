// Decisions every surface makes the same way, so a Slack message, a Teams card and the CLI carry the same
// facts: how many related questions, which cards are rated, how much of a long list a card shows.

import type { EntryDetail, EntryRef } from "../engine/answer.js";

export { isRated } from "../conversation/feedback.js";

/** A question on a button: Slack allows 75 characters with the owner's emoji code in front; all cut here. */
export const MAX_BUTTON_LABEL = 50;
/** Related questions under an answer, and "ask about one" buttons under a service. */
export const MAX_RELATED = 3;
/** Example questions on the help and welcome cards. */
export const MAX_EXAMPLES = 5;
/** Each control takes a group of its own; beyond this many the card would crowd out its own buttons. */
export const MAX_CONTROLS = 20;
/** Rows beyond this would push a Slack message past 50 blocks; the text version still lists them all. */
export const MAX_COMPARE_ROWS = 40;

/** Related questions to offer: never the close call (offered as "You may also mean"), none twice, MAX_RELATED. */
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

/** A button's label, cut once at a word for every surface (text shows the whole question). */
export const buttonLabel = (t: string): string =>
  t.length <= MAX_BUTTON_LABEL ? t : `${t.slice(0, MAX_BUTTON_LABEL - 1).replace(/\s+\S*$/, "")}…`;
