import { expandAbbreviations } from "./analyzer.js";
import { tokenize } from "./text.js";

export interface PhraseHit<T> {
  value: T;
  start: number;
  end: number;
  /** False for everyday words ("instances", "functions") that name a service only when nothing else does. */
  strong: boolean;
}

interface Phrase<T> {
  words: string[];
  value: T;
  strong: boolean;
}

/** Finds known multi-word phrases in a word sequence, longest match first, without overlaps. */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();
  readonly vocabulary = new Set<string>();

  add(text: string, value: T, strong = true): void {
    this.addStems(expandAbbreviations(tokenize(text)), value, strong);
  }

  /** Adds a phrase already split into the units it is matched on (words, or stems for the lexicon). */
  addStems(words: string[], value: T, strong = true): void {
    const first = words[0];
    if (!first) return;
    for (const w of words) this.vocabulary.add(w);
    const list = this.byFirst.get(first) ?? [];
    // Longest first, and in the order added among equals: the order a stable sort would give, without one.
    const at = list.findIndex((p) => p.words.length < words.length);
    list.splice(at === -1 ? list.length : at, 0, { words, value, strong });
    this.byFirst.set(first, list);
  }

  find(words: string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    // Plain loops: this runs a dozen times per question, so no closures per word.
    for (let i = 0; i < words.length; ) {
      const candidates = this.byFirst.get(words[i] as string);
      let match: Phrase<T> | undefined;
      if (candidates)
        for (const p of candidates) {
          let k = 1;
          while (k < p.words.length && words[i + k] === p.words[k]) k++;
          if (k === p.words.length) {
            match = p;
            break;
          }
        }
      if (match) {
        hits.push({ value: match.value, start: i, end: i + match.words.length, strong: match.strong });
        i += match.words.length;
      } else i++;
    }
    return hits;
  }
}

/** Distinct values of the hits, strong ones first; weak ones only when no strong hit exists. */
export function distinctValues<T>(hits: PhraseHit<T>[]): T[] {
  const strong = hits.filter((h) => h.strong);
  const chosen = strong.length ? strong : hits;
  return [...new Set(chosen.map((h) => h.value))];
}
