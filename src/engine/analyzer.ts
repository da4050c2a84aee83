import { ABBREVIATIONS, COMPOUNDS, canonical, STOPWORDS, stripChatMarkup, tokenize } from "./text.js";
import type { TypoCorrector } from "./typos.js";

export interface Analysis {
  /** The question with chat mark-up removed, as shown back to the user. */
  clean: string;
  /** Surface words after abbreviation expansion and typo correction: what entity aliases are matched on. */
  words: string[];
  /** Canonical stems of `words`, aligned with it. */
  stems: string[];
  /** Indexes into `words` of the meaningful (non-stopword) words. */
  content: number[];
  /** Words nobody in the knowledge base ever used, after correction: a sign the question is off-topic. */
  unknown: number;
}

const KEY_WORD = /^(key|keys|kms|cmk|cmks)$/;
const COMPOUND_FIRST = new Set(Object.keys(COMPOUNDS).map((k) => k.split(" ")[0] as string));
// A Map, not the object: every word of every question is looked up here, and a Map's own keys are the only
// keys ("constructor" or "__proto__" in a question cannot reach Object.prototype).
const EXPANSIONS = new Map(Object.entries(ABBREVIATIONS));

/** "The AWS managed keys rather than our own keys": an own key named as the alternative is not the one asked about. */
function setAsideKey(tokens: string[], at: number): boolean {
  const before = tokens.slice(Math.max(0, at - 3), at).filter((t) => t !== "our" && t !== "my");
  const pair = before.slice(-2).join(" ");
  return pair === "rather than" || pair === "instead of";
}

export function expandAbbreviations(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    // "customer managed" and "aws managed" keys differ in owner: one word each, so neither reads as a stopword.
    let joined: string | undefined;
    if (COMPOUND_FIRST.has(t)) {
      const pair = `${t} ${tokens[i + 1]}`;
      if (Object.hasOwn(COMPOUNDS, pair)) joined = COMPOUNDS[pair];
    }
    // "AWS managed" only before a key: "AWS Managed Microsoft AD" is a product name, and "Amazon's managed
    // message broker" a description, not an owner.
    const vendor = t === "aws" || t === "amazon";
    if (joined && (!vendor || KEY_WORD.test(tokens[i + 2] ?? ""))) {
      out.push(joined);
      i++;
      continue;
    }
    // "Our own KMS key" is a customer managed one; "own" alone is a stopword ("who owns").
    if (t === "own" && KEY_WORD.test(tokens[i + 1] ?? "") && !setAsideKey(tokens, i)) {
      out.push(COMPOUNDS["customer managed"] as string);
      continue;
    }
    const exp = EXPANSIONS.get(t);
    if (exp) out.push(...exp);
    else out.push(t);
  }
  return out;
}

/** Used on both knowledge text (no corrector) and questions (with one), so the two agree word for word. */
export function analyze(raw: string, corrector?: TypoCorrector): Analysis {
  const clean = stripChatMarkup(raw);
  const words = expandAbbreviations(tokenize(clean));
  let unknown = 0;
  if (corrector) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (corrector.has(w)) continue;
      const fixed = corrector.correct(w);
      if (fixed) words[i] = fixed;
      else if (!STOPWORDS.has(w)) unknown++;
    }
  }
  const stems = words.map(canonical);
  const content: number[] = [];
  for (let i = 0; i < words.length; i++) if (!STOPWORDS.has(words[i] as string)) content.push(i);
  return { clean, words, stems, content, unknown };
}
