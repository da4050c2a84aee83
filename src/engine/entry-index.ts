// Ranks knowledge entries for a question. Each entry is indexed as several short documents (its statement
// and each phrasing); a question scores against each document by weighted word overlap, and an entry takes
// its best document's score. Postings are precomputed, so a question costs one pass over its own words.

export interface Doc {
  /** Index of the entry (or other target) the document belongs to. */
  target: number;
  /** Distinct canonical stems of the document. */
  stems: string[];
}

export interface Scored {
  target: number;
  score: number;
  /** Share of the question's weight that the best document explains. */
  coverage: number;
}

const EMPTY: ReadonlySet<string> = new Set();
/** Share of its weight a "light" word (a service name) keeps in the overlap. */
const LIGHT_WEIGHT = 0.25;

export class EntryIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly weight = new Map<string, number>();
  private readonly docWeight: Float64Array;
  private readonly docTarget: Int32Array;
  private readonly acc: Float64Array;
  private readonly touched: number[] = [];
  /** Weight given to a word the index has never seen: as informative as the rarest known word. */
  readonly unknownWeight: number;

  constructor(
    docs: Doc[],
    private readonly targetCount: number,
  ) {
    const df = new Map<string, number>();
    for (const d of docs) for (const s of d.stems) df.set(s, (df.get(s) ?? 0) + 1);
    const n = docs.length;
    let maxW = 0;
    for (const [s, f] of df) {
      const w = Math.log(1 + n / f);
      this.weight.set(s, w);
      if (w > maxW) maxW = w;
    }
    this.unknownWeight = maxW;
    this.docWeight = new Float64Array(n);
    this.docTarget = new Int32Array(n);
    this.acc = new Float64Array(n);
    docs.forEach((d, i) => {
      this.docTarget[i] = d.target;
      let sum = 0;
      for (const s of d.stems) {
        sum += this.weight.get(s) as number;
        const list = this.postings.get(s);
        if (list) list.push(i);
        else this.postings.set(s, [i]);
      }
      this.docWeight[i] = sum;
    });
  }

  knows(stem: string): boolean {
    return this.weight.has(stem);
  }

  weightOf(stem: string): number {
    return this.weight.get(stem) ?? this.unknownWeight;
  }

  /**
   * Scores every target that shares a word with the question. `stems` must be distinct.
   * Score blends how much of the question a document explains with how much of the document the
   * question touches, so a short exact phrasing beats a long one that merely contains the words.
   */
  search(stems: string[], light: ReadonlySet<string> = EMPTY): Scored[] {
    let qWeight = 0;
    for (const s of stems) {
      const known = this.weight.get(s);
      const w = (known ?? this.unknownWeight) * (light.has(s) ? LIGHT_WEIGHT : 1);
      qWeight += w;
      if (known === undefined) continue;
      const list = this.postings.get(s) as number[];
      for (const d of list) {
        if (this.acc[d] === 0) this.touched.push(d);
        this.acc[d] = (this.acc[d] as number) + w;
      }
    }
    const bestByTarget = new Map<number, Scored>();
    for (const d of this.touched) {
      const matched = this.acc[d] as number;
      this.acc[d] = 0;
      const cq = qWeight > 0 ? matched / qWeight : 0;
      const cd = matched / (this.docWeight[d] as number);
      const score = 0.7 * cq + 0.3 * cd;
      const target = this.docTarget[d] as number;
      const prev = bestByTarget.get(target);
      if (!prev || score > prev.score) bestByTarget.set(target, { target, score, coverage: cq });
    }
    this.touched.length = 0;
    return [...bestByTarget.values()].sort((a, b) => b.score - a.score || a.target - b.target);
  }

  get size(): number {
    return this.targetCount;
  }
}
