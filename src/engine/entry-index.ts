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
}

/** Share of its weight a "light" word (a service name) keeps in the overlap. */
const LIGHT_WEIGHT = 0.25;

export class EntryIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly weight = new Map<string, number>();
  private readonly docWeight: Float64Array;
  private readonly docTarget: Int32Array;
  private readonly acc: Float64Array;
  private readonly touched: number[] = [];
  /** Best document score per target for the question being scored; zeroed again after each search. */
  private readonly best: Float64Array;
  private readonly touchedTargets: number[] = [];
  /** Weight given to a word the index has never seen: as informative as the rarest known word. */
  readonly unknownWeight: number;

  constructor(docs: Doc[], targetCount: number) {
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
    this.best = new Float64Array(targetCount);
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

  /**
   * The `limit` best targets for the question, best first. `stems` must be distinct. A document's score
   * blends how much of the question it explains with how much of it the question touches, so a short exact
   * phrasing beats a long one that merely contains the words; a target takes its best document's score,
   * times `factor(target)`. Typed arrays and a small top-k keep a question free of per-document objects.
   */
  search(
    stems: string[],
    light: ReadonlySet<string>,
    factor: (target: number) => number,
    limit: number,
    /** The most `factor` can return: targets that could not reach the top-k even so are not weighed. */
    maxFactor = Number.POSITIVE_INFINITY,
    /** Per target, 0 when `factor` would return 0 anyway: those are skipped before they are scored. */
    allowed?: Uint8Array,
  ): Scored[] {
    let qWeight = 0;
    for (const s of stems) {
      const known = this.weight.get(s);
      const w = (known ?? this.unknownWeight) * (light.has(s) ? LIGHT_WEIGHT : 1);
      qWeight += w;
      if (known === undefined) continue;
      for (const d of this.postings.get(s) as number[]) {
        if (this.acc[d] === 0) this.touched.push(d);
        this.acc[d] = (this.acc[d] as number) + w;
      }
    }
    for (const d of this.touched) {
      const matched = this.acc[d] as number;
      this.acc[d] = 0;
      const t = this.docTarget[d] as number;
      if (allowed && allowed[t] === 0) continue;
      const score =
        0.7 * (qWeight > 0 ? matched / qWeight : 0) + 0.3 * (matched / (this.docWeight[d] as number));
      if (this.best[t] === 0) this.touchedTargets.push(t);
      if (score > (this.best[t] as number)) this.best[t] = score;
    }
    this.touched.length = 0;
    const top: Scored[] = [];
    for (const t of this.touchedTargets) {
      const raw = this.best[t] as number;
      this.best[t] = 0;
      if (top.length === limit && raw * maxFactor <= (top[limit - 1] as Scored).score) continue;
      const score = raw * factor(t);
      if (top.length === limit && score <= (top[limit - 1] as Scored).score) continue;
      let i = top.length;
      while (
        i > 0 &&
        ((top[i - 1] as Scored).score < score ||
          ((top[i - 1] as Scored).score === score && (top[i - 1] as Scored).target > t))
      )
        i--;
      top.splice(i, 0, { target: t, score });
      if (top.length > limit) top.pop();
    }
    this.touchedTargets.length = 0;
    return top;
  }
}
