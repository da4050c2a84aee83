import Fuse from "fuse.js";
import type { Category, Entry, Intent, KnowledgeBase, ModelId, Service } from "../knowledge/schema.js";
import { analyze, expandAbbreviations } from "./analyzer.js";
import type { Answer, IntentName } from "./answer.js";
import { Composer } from "./compose.js";
import {
  asksForControls,
  COMPARE_WORDS,
  GENERAL_PREFERENCE,
  isDefinition,
  isHowTo,
  OFF_TOPIC_STEMS,
  OVERVIEW_STEMS,
  OWNERSHIP_WORDS,
  otherCloud,
  servicesAroundVersus,
} from "./cues.js";
import { EntryIndex, type Scored } from "./entry-index.js";
import { distinctValues, PhraseMatcher } from "./phrases.js";
import { canonical, STOPWORDS, stripChatMarkup, tokenize } from "./text.js";
import { TOPIC_STEMS } from "./topics.js";
import { TypoCorrector } from "./typos.js";
import { GENERIC_NAME_WORDS, isDistinctive, type PhrasingStems, vocabulary } from "./vocabulary.js";

export interface EngineOptions {
  /** Below this an entry is not answered but offered as a suggestion. */
  threshold?: number;
  /** Two entries closer than this are both offered. */
  closeMargin?: number;
}

/** How many ranked entries a question keeps: the answer, a close call, suggestions. */
const RANKED = 8;

type Command = "quiz" | "leaderboard" | "help" | "shared_controls" | "service_model" | "compare" | "overview";

export class Engine {
  private readonly corrector: TypoCorrector;
  private readonly index: EntryIndex;
  private readonly services: PhraseMatcher<Service>;
  /** Per service, the words that name it: its id, the words of its name, and one-word aliases ("dynamo"). */
  private readonly nameWords = new Map<string, Set<string>>();
  private readonly models: PhraseMatcher<ModelId>;
  private readonly commands: PhraseMatcher<Command>;
  private readonly fuseByEntry: Fuse<string>[];
  private readonly compose: Composer;
  private readonly threshold: number;
  private readonly closeMargin: number;

  constructor(
    readonly kb: KnowledgeBase,
    opts: EngineOptions = {},
  ) {
    this.threshold = opts.threshold ?? 0.4;
    this.closeMargin = opts.closeMargin ?? 0.03;
    this.compose = new Composer(kb);

    // Each phrasing (and the statement, last) tokenised once; everything below derives from these.
    const tokens = kb.entries.map((e) => e.phrasings.concat(e.statement).map(tokenize));
    this.index = new EntryIndex(
      tokens.flatMap((list, target) => list.map((t) => ({ target, stems: contentStems(t) }))),
      kb.entries.length,
    );

    this.services = new PhraseMatcher();
    const phrasingStems: PhrasingStems = kb.entries.map((e, i) => ({
      services: e.services,
      stems: (tokens[i] as string[][]).slice(0, -1).map((t) => new Set(t.map(canonical))),
    }));
    for (const s of kb.services) {
      this.services.add(s.id, s);
      this.services.add(s.name, s);
      const names = new Set(tokenize(`${s.id} ${s.name}`).filter((w) => !GENERIC_NAME_WORDS.has(w)));
      for (const alias of s.aliases) {
        const strong = isDistinctive(alias, s, phrasingStems);
        this.services.add(alias, s, strong);
        const words = tokenize(alias);
        if (words.length === 1 && strong) names.add(words[0] as string);
      }
      this.nameWords.set(s.id, names);
    }
    this.models = new PhraseMatcher();
    for (const m of kb.models) for (const alias of [m.id, m.name, ...m.aliases]) this.models.add(alias, m.id);
    this.commands = new PhraseMatcher();
    for (const intent of kb.intents) {
      const command = commandOf(intent);
      if (command) for (const k of intent.keywords) this.commands.add(k, command);
    }

    this.fuseByEntry = kb.entries.map(
      (e) =>
        new Fuse(
          e.phrasings.concat(e.statement).map((p) => stripChatMarkup(p).toLowerCase()),
          { includeScore: true, ignoreLocation: true, threshold: 1, minMatchCharLength: 2 },
        ),
    );

    this.corrector = new TypoCorrector(
      vocabulary(kb, tokens.flat(), this.services, this.models, this.commands),
    );
  }

  /** Builds the lazily built indexes now, so the first question with a typo is as fast as the rest. */
  warm(): this {
    this.corrector.warm();
    return this;
  }

  /** Everything the engine reads off a question before deciding how to answer it. */
  private read(text: string) {
    const a = analyze(String(text ?? ""), this.corrector);
    const commands = new Set(this.commands.find(a.words).map((h) => h.value));
    const serviceHits = this.services.find(a.words);
    const services = distinctValues(serviceHits);
    const modelHits = this.models.find(a.words);
    const models = distinctValues(modelHits);
    // Only the words that name a service ("rds" in "rds snapshots") or a model say where; the rest say what.
    const entityWords = new Set<number>();
    for (const h of serviceHits)
      for (let i = h.start; i < h.end; i++)
        if (this.nameWords.get(h.value.id)?.has(a.words[i] as string)) entityWords.add(i);
    for (const h of modelHits) for (let i = h.start; i < h.end; i++) entityWords.add(i);
    const queryStems = [...new Set(a.content.map((i) => a.stems[i] as string))];
    const serviceStems = new Set([...entityWords].map((i) => a.stems[i] as string));
    const offTopic = queryStems.filter((s) => OFF_TOPIC_STEMS.has(s)).length + (otherCloud(a.words) ? 1 : 0);
    return {
      a,
      commands,
      serviceHits,
      services,
      models,
      queryStems,
      serviceStems,
      offTopic,
      // What the question says besides naming services and models: empty means "tell me about X".
      residual: a.content.filter((i) => !entityWords.has(i) && !OVERVIEW_STEMS.has(a.stems[i] as string)),
      ranked: this.rank(queryStems, services, serviceStems, offTopic),
    };
  }

  resolve(text: string): Answer {
    const {
      a,
      commands,
      serviceHits,
      services,
      models,
      queryStems,
      serviceStems,
      offTopic,
      residual,
      ranked,
    } = this.read(text);
    if (a.content.length === 0 && commands.size === 0)
      return this.compose.fallback(a.clean, a.words.length === 0 ? "empty" : "out_of_scope", []);
    const topic = topicOf(queryStems);
    const asksOwnership = a.words.some((w) => OWNERSHIP_WORDS.has(w)) || a.stems.includes("manag");
    const noServices = services.length === 0;

    if (commands.has("leaderboard") && noServices) return this.compose.command(a.clean, "leaderboard");
    if (commands.has("quiz") && noServices) return this.compose.command(a.clean, "quiz");
    if (commands.has("help") && noServices && residual.length <= 3) return this.compose.help(a.clean);
    if (offTopic === 0 && noServices && asksForControls(a.words, a.stems))
      return this.compose.controls(a.clean);

    const explicitCompare = a.words.some((w) => COMPARE_WORDS.has(w));
    const versus = servicesAroundVersus(a.words, serviceHits);
    // Three services and no cue: a list to compare, unless one entry is about them together.
    const listed = services.length >= 3 && !this.coversTogether(ranked[0], services);
    if (offTopic === 0) {
      if (topic && services.length >= 2 && (explicitCompare || versus || listed))
        return this.compose.compare(
          a.clean,
          topic,
          services,
          this.rank(queryStems, services, serviceStems, 0, this.kb.entries.length),
        );
      if (topic && services.length < 2 && explicitCompare && (services.length === 1 || models.length !== 1))
        return this.compose.compare(
          a.clean,
          topic,
          this.defaultCompare(services),
          this.rank(queryStems, [], serviceStems, 0, this.kb.entries.length),
        );
      if (!topic && services.length >= 2 && (explicitCompare || versus) && asksOwnership)
        return this.compose.compare(a.clean, null, services, []);
    }

    if (isHowTo(a.words)) {
      // How-to and advice questions are about doing, not owning: offer ownership questions instead.
      const close = ranked.filter((r) => r.score >= this.threshold).slice(0, 3);
      return this.compose.fallback(
        a.clean,
        "out_of_scope",
        close.map((r) => r.target),
        close.length ? undefined : services[0],
      );
    }
    const best = ranked[0];
    const confident = best !== undefined && best.score >= this.threshold;

    if (services.length === 1 && offTopic === 0 && residual.length === 0) {
      // "what is kubernetes" asks for a definition, not for who owns what.
      if (isDefinition(a.words) && !asksOwnership)
        return this.compose.fallback(a.clean, "low_confidence", [], services[0]);
      return this.compose.service(a.clean, services[0] as Service);
    }
    if (noServices && offTopic === 0 && (models.length > 0 || commands.has("service_model"))) {
      if (!confident || residual.length <= 1 || models.length > 1 || commands.has("service_model"))
        return this.compose.models(a.clean, models);
    }
    if (services.length === 1 && commands.has("overview") && !confident)
      return this.compose.service(a.clean, services[0] as Service);

    if (!confident || !best) {
      const suggestions = ranked.filter((r) => r.score >= this.threshold * 0.6).slice(0, 3);
      if (suggestions.length === 0 && services.length === 1)
        return this.compose.fallback(a.clean, "low_confidence", [], services[0]);
      return this.compose.fallback(
        a.clean,
        suggestions.length ? "low_confidence" : "out_of_scope",
        suggestions.map((r) => r.target),
      );
    }
    let top = best;
    let second = ranked.find((r) => r.target !== best.target);
    if (second && second.score >= this.threshold && top.score - second.score < this.closeMargin) {
      // Word overlap cannot separate them: let character-level similarity of the phrasings decide,
      // on the question's meaningful words only (shorter patterns, less noise).
      const q = a.content
        .map((i) => a.words[i])
        .join(" ")
        .slice(0, 64);
      const fuseScore = (t: number) => this.fuseByEntry[t]?.search(q, { limit: 1 })[0]?.score ?? 1;
      if (fuseScore(second.target) + 0.05 < fuseScore(top.target)) [top, second] = [second, top];
    }
    const close =
      second && second.score >= this.threshold && Math.abs(top.score - second.score) < this.closeMargin;
    return this.compose.entry(a.clean, this.kb.entries[top.target] as Entry, Math.min(1, top.score), {
      mentioned: services,
      closeCall: close && second ? (this.kb.entries[second.target] as Entry) : undefined,
    });
  }

  /** What the engine saw and how it ranked: for `srm-bot explain` and for tuning the data. */
  explain(text: string) {
    const r = this.read(text);
    return {
      words: r.a.words,
      content: r.queryStems,
      unknown: r.a.unknown,
      services: r.services.map((s) => s.id),
      models: r.models,
      commands: [...r.commands],
      residual: r.residual.map((i) => r.a.words[i]),
      offTopic: r.offTopic,
      top: r.ranked
        .slice(0, 5)
        .map((x) => ({ entry: this.kb.entries[x.target]?.id, score: Number(x.score.toFixed(3)) })),
    };
  }

  private coversTogether(r: { target: number; score: number } | undefined, services: Service[]): boolean {
    const e = r && r.score >= this.threshold ? this.kb.entries[r.target] : undefined;
    return !!e && services.filter((s) => e.services.includes(s.id)).length >= 2;
  }

  /** "compare patching" with fewer than two services: one service of each model, plus the one named. */
  private defaultCompare(named: Service[]): Service[] {
    const picks = ["ec2", "rds", "lambda"].flatMap((id) => this.kb.services.filter((s) => s.id === id));
    return [...new Map([...named, ...picks].map((s) => [s.id, s])).values()];
  }

  /**
   * Entry ranking with the question's services taken into account. Service names weigh little in the
   * overlap itself (they say where, not what); agreement with the entry's services is scored separately.
   */
  private rank(
    queryStems: string[],
    services: Service[],
    serviceStems: Set<string>,
    offTopic: number,
    limit = RANKED,
  ): Scored[] {
    const wanted = new Set(services.map((s) => s.id));
    const offTopicFactor = 0.55 ** offTopic;
    return this.index.search(
      queryStems,
      serviceStems,
      (t) => {
        const e = this.kb.entries[t] as Entry;
        let f = offTopicFactor;
        if (wanted.size) {
          if (!e.services.some((s) => wanted.has(s))) f *= e.services.length === 0 ? 0.85 : 0.6;
        } else if (e.services.length > 0) f *= GENERAL_PREFERENCE;
        return f;
      },
      limit,
    );
  }
}

/** The distinct canonical stems of a knowledge text's meaningful words (as `analyze` yields for questions). */
function contentStems(tokens: string[]): string[] {
  return [
    ...new Set(
      expandAbbreviations(tokens)
        .filter((w) => !STOPWORDS.has(w))
        .map(canonical),
    ),
  ];
}

function commandOf(intent: Intent): Command | undefined {
  switch (intent.name as IntentName) {
    case "quiz":
    case "leaderboard":
    case "help":
    case "shared_controls":
    case "service_model":
    case "compare":
      return intent.name as Command;
    case "service_overview":
      return "overview";
    default:
      return undefined;
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
