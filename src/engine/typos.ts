import { TUNING } from "./tuning.js";

// Typo tolerance by symmetric deletion: every known word is indexed under the strings left after removing
// up to two letters, so a misspelt word is corrected with a few map look-ups instead of a scan of the vocabulary.

function deletions(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 2) return;
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(d)) {
      out.add(d);
      deletions(d, depth - 1, out);
    }
  }
}

/** Rows of the distance table, reused: questions are capped in length, so are the words being compared. */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/** Edits allowed for a word of this length: short words are too easy to turn into other words. */
export function maxEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  return 2;
}

export class TypoCorrector {
  private deletionIndex: Map<string, string[]> | undefined;
  /** Words already looked up, with what they became (null: nothing close); emptied when it reaches the cap. */
  private readonly corrections = new Map<string, string | null>();

  /**
   * `known` maps each known word to a weight (how common it is); common words win ties. `stemOf`, when given,
   * reads another form of a known word ("reported" beside "report") as that word, never as a near neighbour
   * ("exported"). `plain` words are English in their own right and are never turned into another word.
   */
  constructor(
    private readonly known: ReadonlyMap<string, number>,
    private readonly stemOf?: (word: string) => string,
    private readonly plain: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * The deletion index is the costliest part of start-up and most one-shot questions (`srm-bot ask`) have
   * no typo, so it is built on first need; a server calls `warm()` once at start instead.
   */
  warm(): void {
    void this.index;
  }

  private get index(): Map<string, string[]> {
    if (this.deletionIndex) return this.deletionIndex;
    const index = new Map<string, string[]>();
    for (const word of this.known.keys()) {
      const keys = new Set<string>([word]);
      deletions(word, maxEdits(word.length), keys);
      for (const k of keys) {
        const list = index.get(k);
        if (list) list.push(word);
        else index.set(k, [word]);
      }
    }
    this.deletionIndex = index;
    return index;
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The closest known word within the allowed edits, or undefined. */
  correct(word: string): string | undefined {
    if (this.known.has(word)) return word;
    const form = this.sameStem(word);
    if (form) return form;
    if (this.plain.has(word)) return undefined;
    // Chat repeats its typos and its unknown words: each is looked up once (bounded, so it cannot grow).
    const seen = this.corrections.get(word);
    if (seen !== undefined) return seen ?? undefined;
    const fixed = this.search(word);
    if (this.corrections.size >= TUNING.typoMemo) this.corrections.clear();
    this.corrections.set(word, fixed ?? null);
    return fixed;
  }

  private sameStem(word: string): string | undefined {
    // Only when the stem is itself a known word: a stemmer's half-word ("controll") may join unrelated forms.
    const s = this.stemOf?.(word);
    return s !== undefined && s !== word && this.known.has(s) ? s : undefined;
  }

  private search(word: string): string | undefined {
    // Four-letter words get one swap of neighbours ("hlep", "waht"), nothing else: too many real words are near.
    if (word.length === 4) return this.swapOfNeighbours(word);
    const max = maxEdits(word.length);
    if (max === 0) return undefined;
    // Most typos are one edit away, and every word one edit away shares a key with the question's word
    // minus at most one letter: search those keys first and go two letters deep only when that fails.
    const near = new Set<string>([word]);
    deletions(word, 1, near);
    const best = this.closest(word, near, max);
    if (best.dist <= 1 || max === 1) return best.dist <= max ? best.word : undefined;
    const far = new Set<string>(near);
    deletions(word, 2, far);
    const second = this.closest(word, far, max);
    return second.dist <= max ? second.word : undefined;
  }

  private closest(word: string, keys: Set<string>, max: number): { word?: string; dist: number } {
    let best: string | undefined;
    let bestDist = max + 1;
    let bestWeight = -1;
    for (const k of keys) {
      const candidates = this.index.get(k);
      if (!candidates) continue;
      for (const c of candidates) {
        // Both words must share their first letter or their length: typos rarely hit both.
        if (c[0] !== word[0] && c.length !== word.length) continue;
        const d = editDistance(word, c, Math.min(max, maxEdits(c.length)));
        const weight = this.known.get(c) ?? 0;
        if (d < bestDist || (d === bestDist && weight > bestWeight)) {
          best = c;
          bestDist = d;
          bestWeight = weight;
        }
      }
    }
    return { word: best, dist: bestDist };
  }

  private swapOfNeighbours(word: string): string | undefined {
    for (let i = 0; i + 1 < word.length; i++) {
      const w = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (w !== word && this.known.has(w)) return w;
    }
    return undefined;
  }
}
