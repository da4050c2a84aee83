import Fuse from "fuse.js";
import type { Category, Entry, KnowledgeBase, Service } from "../knowledge/schema.js";
import type { Answer } from "./answer.js";
import { LAYER_CATEGORY } from "./answer-parts.js";
import { Composer } from "./compose.js";
import type { EntryIndex } from "./entry-index.js";
import { rotatingExamples } from "./examples.js";
import { type Explanation, explanation } from "./explanation.js";
import { chooseOption } from "./options.js";
import { type Prepared, prepareReaders } from "./prepare.js";
import { Ranker } from "./ranking.js";
import { type Readers, type Reading, read } from "./reading.js";
import { ResponsibilityModel, type Ruling } from "./responsibility.js";
import { decide, type Situation } from "./rules.js";
import { stripChatMarkup } from "./text.js";
import { TOPIC_STEMS } from "./topics.js";
import { TUNING } from "./tuning.js";

export type { Explanation } from "./explanation.js";
export type { Prepared } from "./prepare.js";

export interface EngineOptions {
  /** Below this an entry is not answered but offered as a suggestion (default: TUNING.threshold). */
  threshold?: number;
  /**
   * What building the engine derives from the knowledge (stems, alias strength, vocabulary), saved by an
   * earlier engine over the same knowledge (`engine.prepared`). It only saves time: the answers are the same.
   */
  prepared?: Prepared;
}

export class Engine {
  private readonly readers: Readers;
  private readonly index: EntryIndex;
  private readonly compose: Composer;
  private readonly responsibility: ResponsibilityModel;
  private readonly threshold: number;
  private readonly ranker: Ranker;
  private readonly fuses = new Map<number, Fuse<string>>();
  private serviceFuse?: Fuse<Service>;
  /** What this engine derived from the knowledge, for the next start to reuse. */
  readonly prepared: Prepared;

  constructor(
    readonly kb: KnowledgeBase,
    opts: EngineOptions = {},
  ) {
    this.threshold = opts.threshold ?? TUNING.threshold;
    this.compose = new Composer(kb);
    this.responsibility = new ResponsibilityModel(kb.layers, kb.services, kb.entries);

    const built = prepareReaders(kb, opts.prepared, this.responsibility);
    this.index = built.index;
    this.readers = built.readers;
    this.prepared = built.prepared;
    this.ranker = new Ranker(kb, this.index, this.responsibility);
  }

  /** Builds the lazily built indexes now, so the first question with a typo is as fast as the rest. */
  warm(): this {
    this.readers.corrector.warm();
    return this;
  }

  /** The question read into one named value: duty, layer, services, model, ask and framing. */
  read(text: string): Reading {
    return read(text, this.readers);
  }

  resolve(text: string): Answer {
    return decide(this.situation(this.read(text))).answer;
  }

  /** `service <name>`: that service's overview, straight from the command; a name we do not know is declined. */
  overview(name: string): Answer {
    const typed = name.trim().toLowerCase();
    const service =
      this.kb.services.find((s) => s.id === typed || s.name.toLowerCase() === typed) ??
      this.read(name).services[0];
    if (service) return this.compose.service(name, service);
    return this.compose.unknownService(name.trim(), this.closestServices(name));
  }

  /** Services whose id, name or aliases look most like a name we could not read (typos, half names). */
  private closestServices(name: string): Service[] {
    this.serviceFuse ??= new Fuse(this.kb.services, {
      keys: ["id", "name", "aliases"],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.6,
    });
    return this.serviceFuse.search(name.trim().slice(0, 32), { limit: 3 }).map((r) => r.item);
  }

  /** Example questions that grow with the knowledge base: see examples.ts. */
  rotatingExamples(day: number, count = 3): string[] {
    return rotatingExamples(this.kb, day, count);
  }

  /** `model <name>`: one service model (AWS's "container", "abstracted" … too), or all three when none is named. */
  model(name: string): Answer {
    const typed = name.trim();
    const read = this.read(name).models;
    // "/srm model containers": the name as a kind of services, else in the singular the aliases use.
    const asKind = (t: string) => this.read(`${t} services`).models;
    const singular = typed.replace(/s$/i, "");
    let models = read;
    if (!models.length && typed) models = asKind(typed);
    if (!models.length && typed && singular !== typed) models = asKind(singular);
    return this.compose.models(name, models, models.length === 0 && typed ? typed : undefined);
  }

  /** The reading, the ranked candidates, the model's ruling, the threshold and the rule that fired. */
  explain(text: string): Explanation {
    const reading = this.read(text);
    const s = this.situation(reading);
    const { rule, answer } = decide(s);
    return explanation(s, this.kb.entries, this.threshold, rule, answer);
  }

  private situation(reading: Reading): Situation {
    const ranked = this.ranker.rank(reading, reading.offTopic, TUNING.ranked);
    const cue = reading.layer ? (reading.layers[0]?.score ?? 0) : 0;
    let pattern: string | undefined;
    let option: Answer | null | undefined;
    return {
      reading,
      ranked,
      entries: this.kb.entries,
      ruling: this.ruling(reading),
      cue,
      departures: reading.layer ? this.responsibility.departures(reading.layer) : 0,
      // The compare topic: a topic word, else the topic of the layer the question was read in.
      topic: topicOf(reading.queryStems) ?? (reading.layer ? LAYER_CATEGORY[reading.layer] : undefined),
      compose: this.compose,
      threshold: this.threshold,
      rankAll: (services) =>
        this.ranker.rank({ ...reading, services, layer: null }, 0, this.kb.entries.length),
      defaultCompare: (named) => this.defaultCompare(named),
      closeness: (target) => {
        // The question's meaningful words, once per question, within one bitap chunk.
        pattern ??= reading.analysis.content
          .map((i) => reading.analysis.words[i])
          .join(" ")
          .slice(0, 32);
        return this.fuse(target).search(pattern, { limit: 1 })[0]?.score ?? 1;
      },
      option: () => {
        option ??= this.pickOption(reading) ?? null;
        return option ?? undefined;
      },
      coversTogether: (services) => {
        const top = ranked[0];
        const e = top && top.score >= this.threshold ? this.kb.entries[top.target] : undefined;
        return !!e && services.filter((x) => e.services.includes(x.id)).length >= 2;
      },
    };
  }

  /**
   * A multiple-choice question's answer: see options.ts. When no one option is the named party's, the
   * question read as a whole must not answer with the other party: "which of these does AWS handle?" answered
   * "the customer" contradicts what was asked, so it is asked back instead.
   */
  private pickOption(reading: Reading): Answer | undefined {
    const text = reading.analysis.clean;
    const chosen = chooseOption(text, {
      read: (t) => this.read(t),
      answer: (r) => decide(this.situation(r)).answer,
      parties: this.readers.lexicon.parties,
      partyOptions: this.readers.lexicon.partyOptions,
    });
    if (!chosen?.party) return chosen?.answer;
    const whole = decide({ ...this.situation(reading), option: () => undefined }).answer;
    const against = whole.intent === "who_owns" && !!whole.owner && whole.owner !== chosen.party;
    return against ? this.compose.fallback(text, "low_confidence", []) : undefined;
  }

  /** The responsibility model's owner for the reading's layer, for its one service or for any service. */
  private ruling(r: Reading): Ruling | undefined {
    const ruling = this.unsidedRuling(r);
    if (!ruling) return undefined;
    const sided = this.responsibility.sided(ruling, r.side);
    return this.responsibility.chosen(sided, { choice: r.choice, setUp: r.whoConfigures });
  }

  private unsidedRuling(r: Reading): Ruling | undefined {
    if (!r.layer) return undefined;
    const subject = r.patchedOn ?? r.services[0];
    const v = r.variant && r.variant.service === subject ? r.variant.variant : undefined;
    if (subject) return this.responsibility.forService(subject, r.layer, v);
    if (r.services.length === 0) return this.responsibility.general(r.layer);
    return undefined;
  }

  /** One Fuse index per entry, built the first time a close call needs it. */
  private fuse(target: number): Fuse<string> {
    let f = this.fuses.get(target);
    if (!f) {
      const e = this.kb.entries[target] as Entry;
      f = new Fuse(
        e.phrasings.concat(e.statement).map((p) => stripChatMarkup(p).toLowerCase()),
        { includeScore: true, ignoreLocation: true, threshold: 1, minMatchCharLength: 2 },
      );
      this.fuses.set(target, f);
    }
    return f;
  }

  /** "compare patching" with fewer than two services: one service of each model, plus the one named. */
  private defaultCompare(named: Service[]): Service[] {
    const picks = ["ec2", "rds", "lambda"].flatMap((id) => this.kb.services.filter((s) => s.id === id));
    return [...new Map([...named, ...picks].map((s) => [s.id, s])).values()];
  }
}

function topicOf(stems: string[]): Category | undefined {
  for (const s of stems) {
    const t = TOPIC_STEMS.get(s);
    if (t) return t;
  }
  return undefined;
}

export function createEngine(kb: KnowledgeBase, opts?: EngineOptions): Engine {
  return new Engine(kb, opts);
}
