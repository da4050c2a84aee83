// Whose act a question asks about: the side it names, a choice or set-up act of the customer's, one side's act.
import type { Analysis } from "./analyzer.js";
import type { CompiledLexicon, DutyCue, LayerCue } from "./lexicon.js";
import type { PhraseHit } from "./phrases.js";
import { LIMITERS } from "./reading-focus.js";
import { POINTERS } from "./reading-layer.js";
import { negatedAt, wordBefore, wordsBefore } from "./reading-services.js";
import { TUNING } from "./tuning.js";

/** Whose act the question is about, and whether it names one side ("AWS's own employees"). */
export function readSides(
  a: Analysis,
  lex: CompiledLexicon,
  duties: PhraseHit<DutyCue>[],
  asking: number,
  layerHits: PhraseHit<LayerCue>[],
) {
  // "Who turns on automatic backups" is the customer's act even though the backups run by themselves.
  // "We never turned anything on" is not the customer setting something up: it asks what happens anyway.
  const configures = duties.some(
    (d) => d.value.id === "configure" && !negatedAt(a, d.start) && !askedOtherwise(a, d.start, duties),
  );
  // "Who sets it up / gets to decide / kicks off …": the question asks whose act it is, not whether it happens.
  const whoConfigures = duties.some(
    (d) => d.value.id === "configure" && wordsBefore(a, d.start).some((w) => w === "who" || w === "whose"),
  );
  const hits = lex.sides
    .find(a.stems)
    .filter((h) => !(h.value === "aws" && (configures || vendorDenies(a.words, h.start))));
  // The asking sentence's side over the story's: "HR asked whether AWS provides it… Who trains our contractors?"
  const asked = hits.filter((h) => h.start >= asking);
  const sides = new Set((asked.length ? asked : hits).map((h) => h.value));
  // "AWS's own employees" names AWS outright; the customer's words ("employees") are the generic ones.
  const side: "aws" | "customer" | null = workloadCompliance(a, lex, layerHits, asking)
    ? "customer"
    : sides.has("aws")
      ? "aws"
      : sides.has("customer")
        ? "customer"
        : null;
  return { configures, whoConfigures, side };
}

const VENDOR = new Set(["aws", "amazon"]);
const DENIALS = new Set(["doesnt", "dont", "wont", "isnt", "never", "cant", "cannot", "not"]);
const DENIERS = new Set(["aws", "amazon", "it", "they", "service"]);

/**
 * "AWS doesn't snapshot our EBS volumes automatically, right?": what the question says AWS does not do on its
 * own is no sign that the question is about AWS's side; the model decides who does it.
 */
function vendorDenies(words: string[], at: number): boolean {
  for (let i = Math.max(1, at - TUNING.denialReach); i < at; i++)
    if (DENIALS.has(words[i] as string) && DENIERS.has(words[i - 1] as string)) return true;
  return false;
}

/**
 * "Since AWS is HIPAA eligible our ECS app is automatically compliant, right?": compliance words beside the
 * customer's own system (not AWS's platform) ask about the customer's workload, whatever AWS's papers say.
 */
function workloadCompliance(
  a: Analysis,
  lex: CompiledLexicon,
  layerHits: PhraseHit<LayerCue>[],
  asking: number,
): boolean {
  const compliance = layerHits.filter((h) => h.value.layer === "compliance");
  if (compliance.length === 0) return false;
  return lex.ownWorkload
    .find(a.stems)
    .some(
      (w) =>
        w.start >= asking &&
        !VENDOR.has(a.words[w.start - 1] as string) &&
        compliance.some((c) => Math.abs(c.start - w.start) <= TUNING.workloadComplianceReach),
    );
}

/** The first act the asking sentence names: "newer AMIs were published. Who dropped the ball?" names none. */
export function askedAct(lex: CompiledLexicon, a: Analysis, asking: number): "customer" | "aws" | null {
  return lex.acts.find(a.stems).find((h) => h.start >= asking && !negatedAt(a, h.start))?.value ?? null;
}

/**
 * Only the asking sentence's choice counts: "I'm deciding whether to keep the rotation" is the story; but
 * "we switched to a customer managed key. Who manages that key now?" points back at the story's choice.
 */
export function asksChoice(
  lex: CompiledLexicon,
  a: Analysis,
  focus: number,
  duties: PhraseHit<DutyCue>[],
): boolean {
  return lex.choices
    .find(a.stems)
    .some(
      (h) =>
        (h.start >= focus || pointedAt(a.words, h.end - 1, focus)) &&
        !negatedAt(a, h.start) &&
        !premise(a, h.start) &&
        !statedPart(a, h.start) &&
        !askedOtherwise(a, h.start, duties),
    );
}

/** The asking sentence names the story's word at `at` again after "that", "this" or "the". */
function pointedAt(words: string[], at: number, focus: number): boolean {
  if (focus === 0) return false;
  for (let i = focus + 1; i < words.length; i++)
    if (words[i] === words[at] && POINTERS.has(words[i - 1] as string)) return true;
  return false;
}

/** Words that open a condition: "if we pick the managed option, …" states a premise, not the decision asked about. */
const CONDITIONS = new Set(["if", "when", "once"]);
const SUBJECTS = new Set(["we", "you", "i", "they", "our", "the"]);

function premise(a: Analysis, at: number): boolean {
  return CONDITIONS.has(wordBefore(a.words, at, SUBJECTS) as string);
}

/** "Who applies the patches? We only pick the window": the part the asker says is theirs is not what is asked. */
function statedPart(a: Analysis, at: number): boolean {
  return LIMITERS.has(a.words[at - 1] as string);
}

/**
 * "Was that something we kicked off, or who was patching them?": an "or who" asking about another duty is
 * the question; the act before it is the alternative being ruled out.
 */
function askedOtherwise(a: Analysis, at: number, duties: PhraseHit<DutyCue>[]): boolean {
  for (let w = at + 1; w < a.words.length; w++) {
    if ((a.words[w] !== "who" && a.words[w] !== "whose") || a.words[w - 1] !== "or") continue;
    if (duties.some((d) => d.value.id !== "configure" && d.start > w && d.start - w <= TUNING.whoReach))
      return true;
  }
  return false;
}
