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
  length: number;
  value: T;
  strong: boolean;
}

/** A trie over words: the phrase ending at a node (the first one added, if several are the same words). */
interface Node<T> {
  next: Map<string, Node<T>> | undefined;
  phrase: Phrase<T> | undefined;
}

/**
 * Finds known multi-word phrases in a word sequence, longest match first, without overlaps. The phrases are
 * kept as a trie, so a match costs a step per word of it, however many phrases share its first word.
 */
export class PhraseMatcher<T> {
  private readonly root: Node<T> = { next: new Map(), phrase: undefined };
  readonly vocabulary = new Set<string>();

  add(text: string, value: T, strong = true): void {
    this.addStems(expandAbbreviations(tokenize(text)), value, strong);
  }

  /** Adds a phrase already split into the units it is matched on (words, or stems for the lexicon). */
  addStems(words: string[], value: T, strong = true): void {
    if (!words.length) return;
    let node = this.root;
    for (const w of words) {
      this.vocabulary.add(w);
      node.next ??= new Map();
      let child = node.next.get(w);
      if (!child) {
        child = { next: undefined, phrase: undefined };
        node.next.set(w, child);
      }
      node = child;
    }
    node.phrase ??= { length: words.length, value, strong };
  }

  find(words: string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    // Plain loops: this runs a dozen times per question, so no closures per word.
    for (let i = 0; i < words.length; ) {
      let node = this.root.next?.get(words[i] as string);
      let match: Phrase<T> | undefined;
      for (let k = i + 1; node; k++) {
        if (node.phrase) match = node.phrase;
        if (k >= words.length) break;
        node = node.next?.get(words[k] as string);
      }
      if (match) {
        hits.push({ value: match.value, start: i, end: i + match.length, strong: match.strong });
        i += match.length;
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
