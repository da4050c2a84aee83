// Decisions every surface makes the same way, so a Slack message and a Teams card carry the same facts.

import type { CompareDetail, EntryDetail, EntryRef, FallbackDetail, ModelDetail } from "../engine/answer.js";

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

/** After a vote: thanks, or (a second vote by the same person on the same answer) that it counted once. */
export function voteNote(helpful: boolean, counted: boolean): string {
  if (!counted) return "You already rated this answer: each person's vote counts once.";
  return helpful
    ? "Marked helpful. Thanks for the feedback!"
    : "Marked not helpful. Thanks: this helps improve the answers.";
}

/** "A, B and C". */
export function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** What a comparison chose or left out, in words: no service is dropped or picked silently. */
export function compareNotes(d: CompareDetail): string[] {
  const notes: string[] = [];
  if (d.defaulted)
    notes.push(
      `${d.topicName} across ${listOf(d.rows.map((r) => r.service.name))}, one of each service model — name services to choose.`,
    );
  if (d.leftOut.length)
    notes.push(
      `Left out: ${listOf(d.leftOut.map((s) => s.name))}. One comparison shows up to ${d.rows.length} services: ask about those in another comparison.`,
    );
  return notes;
}

/** `model <name>` with a name that is no service model: said back as typed (pass an escaper for the surface). */
export function unknownModelNote(
  d: ModelDetail,
  shown: (s: string) => string,
  data: (s: string) => string = (s) => s,
): string | null {
  if (!d.unknown) return null;
  return `“${shown(d.unknown)}” is not a service model. The three are ${data(listOf(d.models.map((m) => m.name)))}: try model iaas, model paas or model serverless.`;
}

/** `service <name>` with a name we do not know: said back as typed. */
export function unknownServiceNote(d: FallbackDetail, shown: (s: string) => string): string | null {
  if (!d.unknownService) return null;
  return `There is no service called “${shown(d.unknownService)}” in what I know.`;
}
