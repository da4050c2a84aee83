// "Which of the following is AWS's responsibility? A) … B) … C) …": an exam question that lists options.
// Each option is a duty of its own, read as a statement; the answer is the one option the party asked about
// owns. The words that name the party are the lexicon's `parties`.
import type { Answer } from "./answer.js";
import type { PhraseMatcher } from "./phrases.js";
import type { Reading } from "./reading.js";

export interface OptionList {
  /** The question before the first option ("Which of the following is … when using AWS Lambda?"). */
  stem: string;
  items: string[];
}

/** "A)", "(b)", "C." or "d:" opening an option, after a space or at the start. */
const MARK = /(?:^|\s)\(?([a-f])[).:]\s+/gi;

/**
 * The options of a multiple-choice question, when it lists at least `least`, lettered in order from A. Two
 * are enough only when both name parties ("A) AWS B) Customer"), which the caller checks.
 */
export function splitOptions(text: string, least = 3): OptionList | null {
  const marks = [...text.matchAll(MARK)];
  const start = marks.findIndex((m) => (m[1] as string).toLowerCase() === "a");
  if (start < 0) return null;
  const run: RegExpMatchArray[] = [];
  for (const m of marks.slice(start)) {
    if ((m[1] as string).toLowerCase().charCodeAt(0) !== 97 + run.length) break;
    run.push(m);
  }
  if (run.length < least) return null;
  const at = (m: RegExpMatchArray) => m.index as number;
  const items = run.map((m, i) => {
    const next = run[i + 1];
    return text.slice(at(m) + m[0].length, next ? at(next) : undefined).trim();
  });
  if (items.some((x) => x.length < 3)) return null;
  return { stem: text.slice(0, at(run[0] as RegExpMatchArray)).trim(), items };
}

export interface OptionReaders {
  read(text: string): Reading;
  answer(reading: Reading): Answer;
  parties: PhraseMatcher<"customer" | "aws">;
  /** Options that name a party rather than a duty, as their words joined by spaces. */
  partyOptions: ReadonlySet<string>;
}

/**
 * "Which of the following is the customer's responsibility when using Lambda? A) … B) …": each option read
 * as a statement (with the stem's services when it names none); the answer is the one option owned by the
 * party asked about. None or several: no option is picked, and the party asked about is returned, so that
 * the question read as a whole is not answered with the other party.
 */
export function chooseOption(
  text: string,
  r: OptionReaders,
): { answer: Answer; party?: undefined } | { answer?: undefined; party: "aws" | "customer" } | undefined {
  const list = splitOptions(text, 2);
  if (!list) return undefined;
  const stem = r.read(list.stem);
  // "Key rotation is the responsibility of: A) AWS B) The customer C) Both": the options are the owners, so
  // the stem alone is the question.
  if (list.items.every((item) => r.partyOptions.has(r.read(item).analysis.words.join(" ")))) {
    const a = r.answer(stem);
    return a.intent === "who_owns" ? { answer: { ...a, question: text } } : undefined;
  }
  if (list.items.length < 3) return undefined;
  // The longest party phrase names the party: in "which controls does a customer inherit from AWS", AWS.
  const hits = r.parties.find(stem.analysis.stems);
  const named = hits.sort((x, y) => y.end - y.start - (x.end - x.start))[0]?.value;
  if (!named) return undefined;
  // "Which of these is NOT the customer's responsibility?" asks for the other party's option.
  const not = stem.analysis.words.some((w) => w === "not" || w === "except");
  const party = not ? (named === "aws" ? "customer" : "aws") : named;
  const context = stem.services.map((x) => x.name).join(" and ");
  const owned = list.items
    .map((item) => {
      const alone = r.read(item);
      // An option naming only IAM or KMS is still about the stem's service ("IAM policies for the tables").
      const own = alone.services.some((x) => !x.crossCutting);
      return r.answer(own || !context ? alone : r.read(`${item} in ${context}`));
    })
    .filter((a) => a.intent === "who_owns" && a.owner === party);
  return owned.length === 1 ? { answer: { ...(owned[0] as Answer), question: text } } : { party };
}
