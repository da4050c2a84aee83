import Fuse from "fuse.js";
import type { Category, Entry, Intent, KnowledgeBase, ModelId, Service } from "../knowledge/schema.js";
import { type Analysis, analyze } from "./analyzer.js";
import type { Answer, IntentName } from "./answer.js";
import { Composer } from "./compose.js";
import { EntryIndex } from "./entry-index.js";
import { distinctValues, PhraseMatcher } from "./phrases.js";
import { canonical, STOPWORDS, stripChatMarkup, tokenize } from "./text.js";
import { TOPIC_STEMS } from "./topics.js";
import { TypoCorrector } from "./typos.js";

export interface EngineOptions {
  /** Below this an entry is not answered but offered as a suggestion. */
  threshold?: number;
  /** Two entries closer than this are both offered. */
  closeMargin?: number;
}

type Command = "quiz" | "leaderboard" | "help" | "shared_controls" | "service_model" | "compare" | "overview";

/** Words that ask for a whole service's picture rather than one task. */
const OVERVIEW_STEMS = new Set(
  ["everything", "overview", "breakdown", "summary", "split", "list", "main", "thing", "stuff", "manage", "managing"]
    .concat(["secur", "security", "cover", "covered", "divide", "divided", "model", "cheat", "sheet", "shared"])
    .concat(["responsibility", "responsibilities", "do", "doe", "what", "giv", "give", "show", "explain"])
    .map(canonical),
);

/** Cues of questions that mention AWS but are not about who owns what (pricing, how-to, trivia). */
const OFF_TOPIC_STEMS = new Set(
  ["cost", "price", "pricing", "cheap", "cheaper", "expensive", "bill", "billing", "pay", "much", "free"]
    .concat(["create", "creating", "tutorial", "step", "install", "deploy", "deploying", "write", "script"])
    .concat(["weather", "joke", "ceo", "founded", "stock", "recipe", "movie", "song", "game", "capital"])
    .concat(["azure", "gcp", "google", "microsoft", "oracle", "cloud", "limit", "quota", "latency", "fast"])
    .map(canonical),
);

export class Engine {
  private readonly corrector: TypoCorrector;
  private readonly index: EntryIndex;
  private readonly services: PhraseMatcher<Service>;
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
    this.threshold = opts.threshold ?? 0.5;
    this.closeMargin = opts.closeMargin ?? 0.03;
    this.compose = new Composer(kb);

    const entryStems = kb.entries.map((e) => e.phrasings.concat(e.statement).map((p) => stemsOf(p)));
    this.index = new EntryIndex(
      kb.entries.flatMap((_, i) => (entryStems[i] as string[][]).map((stems) => ({ target: i, stems }))),
      kb.entries.length,
    );

    this.services = new PhraseMatcher();
    for (const s of kb.services) {
      this.services.add(s.id, s);
      this.services.add(s.name, s);
      for (const alias of s.aliases) this.services.add(alias, s, isDistinctive(alias, s, kb.entries));
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

    this.corrector = new TypoCorrector(vocabulary(kb, this.services, this.models, this.commands));
  }

  resolve(text: string): Answer {
    const a = analyze(String(text ?? ""), this.corrector);
    if (a.content.length === 0 && !a.words.some((w) => w === "help" || w === "quiz")) {
      return this.compose.fallback(a.clean, a.words.length === 0 ? "empty" : "out_of_scope", []);
    }
    const serviceHits = this.services.find(a.words);
    const services = distinctValues(serviceHits);
    const models = distinctValues(this.models.find(a.words));
    const commands = new Set(this.commands.find(a.words).map((h) => h.value));
    const entityWords = new Set<number>();
    for (const h of serviceHits) for (let i = h.start; i < h.end; i++) entityWords.add(i);

    const queryStems = [...new Set(a.content.map((i) => a.stems[i] as string))];
    const residual = a.content.filter((i) => !entityWords.has(i) && !OVERVIEW_STEMS.has(a.stems[i] as string));
    const offTopic = queryStems.filter((s) => OFF_TOPIC_STEMS.has(s)).length;
    const topic = topicOf(queryStems);

    if (commands.has("leaderboard") && services.length === 0) return this.compose.command(a.clean, "leaderboard");
    if (commands.has("quiz") && services.length === 0) return this.compose.command(a.clean, "quiz");
    if (commands.has("help") && services.length === 0 && residual.length <= 3) return this.compose.help(a.clean);
    if (commands.has("shared_controls") && services.length === 0) return this.compose.controls(a.clean);

    const wantsCompare = commands.has("compare") || a.words.includes("versus") || a.words.includes("or");
    if (services.length >= 2 && topic && offTopic === 0) return this.compose.compare(a.clean, topic, services, queryStems, this.rank(queryStems, services, a));
    if (services.length >= 2 && wantsCompare && offTopic === 0)
      return this.compose.models(a.clean, [...new Set(services.map((s) => s.model))]);

    const ranked = this.rank(queryStems, services, a, offTopic);
    const best = ranked[0];
    const confident = best !== undefined && best.score >= this.threshold;

    if (services.length === 1 && residual.length === 0 && offTopic === 0)
      return this.compose.service(a.clean, services[0] as Service);
    if (
      services.length === 0 &&
      (models.length > 0 || commands.has("service_model")) &&
      offTopic === 0 &&
      (!confident || commands.has("service_model") || models.length > 1 || residual.length <= 1)
    )
      return this.compose.models(a.clean, models);
    if (services.length === 1 && commands.has("overview") && !confident)
      return this.compose.service(a.clean, services[0] as Service);

    if (!confident || !best) {
      const suggestions = ranked.filter((r) => r.score >= 0.25).slice(0, 3);
      if (suggestions.length === 0 && services.length === 1)
        return this.compose.fallback(a.clean, "low_confidence", [], services[0]);
      return this.compose.fallback(
        a.clean,
        best && best.score >= 0.25 ? "low_confidence" : "out_of_scope",
        suggestions.map((r) => r.target),
      );
    }
    let top = best;
    let second = ranked.find((r) => r.target !== best.target);
    if (second && top.score - second.score < 0.1) {
      // Word overlap cannot separate them: let character-level similarity of the phrasings decide.
      const q = a.clean.toLowerCase();
      const fuseScore = (t: number) => this.fuseByEntry[t]?.search(q, { limit: 1 })[0]?.score ?? 1;
      if (fuseScore(second.target) + 0.05 < fuseScore(top.target)) [top, second] = [second, top];
    }
    const close = second && second.score >= this.threshold && Math.abs(top.score - second.score) < this.closeMargin;
    return this.compose.entry(a.clean, this.kb.entries[top.target] as Entry, Math.min(1, top.score), {
      mentioned: services,
      closeCall: close && second ? (this.kb.entries[second.target] as Entry) : undefined,
    });
  }

  /** Entry ranking with the question's services taken into account. */
  private rank(queryStems: string[], services: Service[], a: Analysis, offTopic = 0) {
    const unknownPenalty = a.unknown * 0; // unknown words already weigh in the query as unmatched
    const scored = this.index.search(queryStems, unknownPenalty);
    const wanted = new Set(services.map((s) => s.id));
    for (const r of scored) {
      const e = this.kb.entries[r.target] as Entry;
      if (wanted.size) {
        const hit = e.services.some((s) => wanted.has(s));
        if (!hit) r.score *= e.services.length === 0 ? 0.85 : 0.6;
      }
      if (offTopic) r.score *= 0.55 ** offTopic;
    }
    return scored.sort((x, y) => y.score - x.score || x.target - y.target);
  }
}

function stemsOf(text: string): string[] {
  const a = analyze(text);
  return [...new Set(a.content.map((i) => a.stems[i] as string))];
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

/** An alias is distinctive when entries about other services never use its words ("instances" is not). */
function isDistinctive(alias: string, service: Service, entries: Entry[]): boolean {
  const words = tokenize(alias);
  if (words.length > 1 || words[0] === service.id) return true;
  const w = canonical(words[0] as string);
  return !entries.some(
    (e) => !e.services.includes(service.id) && e.phrasings.some((p) => tokenize(p).some((t) => canonical(t) === w)),
  );
}

function topicOf(stems: string[]): Category | undefined {
  for (const s of stems) {
    const t = TOPIC_STEMS.get(s);
    if (t) return t;
  }
  return undefined;
}

/** Every word the bot knows, weighted by how often the knowledge base uses it; typos are corrected towards these. */
function vocabulary(
  kb: KnowledgeBase,
  ...matchers: Array<{ vocabulary: Set<string> }>
): Map<string, number> {
  const words = new Map<string, number>();
  const add = (text: string) => {
    for (const w of tokenize(text)) words.set(w, (words.get(w) ?? 0) + 1);
  };
  for (const e of kb.entries) {
    add(e.statement);
    for (const p of e.phrasings) add(p);
  }
  for (const i of kb.intents) for (const x of i.examples) add(x);
  for (const m of matchers) for (const w of m.vocabulary) words.set(w, (words.get(w) ?? 0) + 5);
  for (const w of STOPWORDS) words.set(w, (words.get(w) ?? 0) + 10);
  return words;
}

export function createEngine(kb: KnowledgeBase, opts?: EngineOptions): Engine {
  return new Engine(kb, opts);
}
