// "Which of the following is AWS's responsibility? A) … B) … C) …": an exam question that lists options.
// Each option is a duty of its own, read as a statement; the answer is the one option the party asked about
// owns. The words that name the party are the lexicon's `parties`.

export interface OptionList {
  /** The question before the first option ("Which of the following is … when using AWS Lambda?"). */
  stem: string;
  items: string[];
}

/** "A)", "(b)", "C." or "d:" opening an option, after a space or at the start. */
const MARK = /(?:^|\s)\(?([a-f])[).:]\s+/gi;

/** The options of a multiple-choice question, when it lists at least three, lettered in order from A. */
export function splitOptions(text: string): OptionList | null {
  const marks = [...text.matchAll(MARK)];
  const start = marks.findIndex((m) => (m[1] as string).toLowerCase() === "a");
  if (start < 0) return null;
  const run: RegExpMatchArray[] = [];
  for (const m of marks.slice(start)) {
    if ((m[1] as string).toLowerCase().charCodeAt(0) !== 97 + run.length) break;
    run.push(m);
  }
  if (run.length < 3) return null;
  const at = (m: RegExpMatchArray) => m.index as number;
  const items = run.map((m, i) => {
    const next = run[i + 1];
    return text.slice(at(m) + m[0].length, next ? at(next) : undefined).trim();
  });
  if (items.some((x) => x.length < 3)) return null;
  return { stem: text.slice(0, at(run[0] as RegExpMatchArray)).trim(), items };
}
