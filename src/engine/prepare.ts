// What an engine derives from the knowledge once: the entry index and the readers a question is read with.
import type { Intent, KnowledgeBase, ModelId, Service, Variant } from "../knowledge/schema.js";
import { expandAbbreviations } from "./analyzer.js";
import type { IntentName } from "./answer.js";
import { EntryIndex } from "./entry-index.js";
import { CompiledLexicon, phraseStems } from "./lexicon.js";
import { PhraseMatcher } from "./phrases.js";
import type { Ask, Readers } from "./reading.js";
import type { ResponsibilityModel } from "./responsibility.js";
import { canonical, STOPWORDS, stem, tokenize } from "./text.js";
import { TypoCorrector } from "./typos.js";
import { GENERIC_NAME_WORDS, isDistinctive, PhrasingIndex, vocabulary } from "./vocabulary.js";

/** Plain data an engine derives from the knowledge base; JSON-safe, so the build can store it. */
export interface Prepared {
  /** Every phrasing and statement as the index's documents: entry index and distinct stems. */
  docs: Array<[number, string[]]>;
  /** Per service, per alias: does the alias name the service itself (see isDistinctive)? */
  strong: boolean[][];
  /** Words (abbreviations expanded) of every alias, name and keyword, and the stems of lexicon phrases. */
  words: Record<string, string[]>;
  /** The vocabulary typos are corrected towards, with weights. */
  vocabulary: Array<[string, number]>;
}

export function prepareReaders(
  kb: KnowledgeBase,
  p: Prepared | undefined,
  responsibility: ResponsibilityModel,
): { index: EntryIndex; readers: Readers; prepared: Prepared } {
  const words: Record<string, string[]> = p ? p.words : Object.create(null);
  const wordsOf = (text: string) => {
    let w = words[text];
    if (!w) {
      w = expandAbbreviations(tokenize(text));
      words[text] = w;
    }
    return w;
  };

  // Each phrasing (and the statement, last) tokenised once; everything below derives from these.
  const tokens = p ? [] : kb.entries.map((e) => e.phrasings.concat(e.statement).map(tokenize));
  const docs: Array<[number, string[]]> =
    p?.docs ??
    tokens.flatMap((list, target) => list.map((t): [number, string[]] => [target, contentStems(t)]));
  const index = new EntryIndex(
    docs.map(([target, stems]) => ({ target, stems })),
    kb.entries.length,
  );

  // Alias strength needs every phrasing's stems: computed only when nothing was prepared.
  let phrasings: PhrasingIndex | undefined;
  const strongOf = (s: Service, si: number, ai: number, alias: string): boolean => {
    const known = p?.strong[si]?.[ai];
    if (known !== undefined) return known;
    if (!phrasings) {
      phrasings = new PhrasingIndex();
      for (const [i, e] of kb.entries.entries())
        for (const t of (tokens[i] ?? e.phrasings.map(tokenize)).slice(0, e.phrasings.length))
          phrasings.add(e.services, new Set(t.map(canonical)));
    }
    return isDistinctive(alias, s, phrasings);
  };
  const { services, variants, nameWords, strong } = serviceMatchers(kb, wordsOf, strongOf);
  const models = new PhraseMatcher<ModelId>();
  for (const m of kb.models)
    for (const alias of [m.id, m.name, ...m.aliases]) models.addStems(wordsOf(alias), m.id);
  const asks = new PhraseMatcher<Ask>();
  for (const intent of kb.intents) {
    const ask = askOf(intent);
    if (ask) for (const k of intent.keywords) asks.addStems(wordsOf(k), ask);
  }
  const lexicon = new CompiledLexicon(kb.lexicon, (phrase) => {
    const key = `lexicon:${phrase}`;
    let st = words[key];
    if (!st) {
      st = phraseStems(phrase);
      words[key] = st;
    }
    return st;
  });
  const vocab = p
    ? new Map(p.vocabulary)
    : vocabulary(kb, tokens.flat(), lexicon.everyday, services, models, asks, {
        vocabulary: lexicon.vocabulary,
      });
  const corrector = new TypoCorrector(vocab, stem, lexicon.plain);
  const prepared: Prepared = { docs, strong, words, vocabulary: [...vocab] };
  const readers: Readers = {
    corrector,
    lexicon,
    services,
    variants,
    nameWords,
    byId: new Map(kb.services.map((x) => [x.id, x])),
    models,
    asks,
    responsibility,
  };
  return { index, readers, prepared };
}

/** The matchers for service names, aliases and variants, and the words that name each service. */
function serviceMatchers(
  kb: KnowledgeBase,
  wordsOf: (text: string) => string[],
  strongOf: (s: Service, si: number, ai: number, alias: string) => boolean,
) {
  const services = new PhraseMatcher<Service>();
  const variants = new PhraseMatcher<{ service: Service; variant: Variant }>();
  const nameWords = new Map<string, Set<string>>();
  const strong: boolean[][] = [];
  kb.services.forEach((s, si) => {
    // The id names the service only where the authors list it as an alias too: "backup" or "connect"
    // alone are everyday words, and "config" is shorthand for "configuration".
    services.addStems(wordsOf(s.name), s);
    const names = new Set(tokenize(`${s.id} ${s.name}`).filter((w) => !GENERIC_NAME_WORDS.has(w)));
    strong[si] = s.aliases.map((alias, ai) => {
      const isStrong = strongOf(s, si, ai, alias);
      const aliasWords = wordsOf(alias);
      services.addStems(aliasWords, s, isStrong);
      const raw = tokenize(alias);
      if (raw.length === 1 && isStrong) names.add(raw[0] as string);
      return isStrong;
    });
    // A plain-words name ("key-value database") names the service; its words still say what it is.
    for (const plain of s.plainNames)
      for (const form of plainForms(plain)) services.addStems(wordsOf(form), s, true);
    nameWords.set(s.id, names);
    for (const v of s.variants)
      for (const alias of v.aliases) variants.addStems(wordsOf(alias), { service: s, variant: v });
  });
  return { services, variants, nameWords, strong };
}

/** What a plain name's product word may be instead: "email sending service", "…tool", "Amazon's email sending". */
const PRODUCT_WORDS = ["service", "tool", "product", "offering"];
const VENDOR_WORDS = ["amazon", "aws", "vendor", "vendors"];

/**
 * The ways a plain name ending in a product word is typed: with another product word, or owned by the vendor
 * without one ("the vendor's key vault", for a name of two words before its product word). Names without a
 * product word are taken as written.
 */
function plainForms(plain: string): string[] {
  const words = plain.split(/\s+/);
  if (!PRODUCT_WORDS.includes(words.at(-1) as string) || words.length < 2) return [plain];
  const core = words.slice(0, -1).join(" ");
  // "The vendor's key vault" reads as the product; "AWS patching" or "AWS secrets" is too plain to name one.
  if (words.length < 3) return PRODUCT_WORDS.map((w) => `${core} ${w}`);
  return [...PRODUCT_WORDS.map((w) => `${core} ${w}`), ...VENDOR_WORDS.map((v) => `${v} ${core}`)];
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

function askOf(intent: Intent): Ask | undefined {
  switch (intent.name as IntentName) {
    case "quiz":
    case "leaderboard":
    case "help":
    case "shared_controls":
    case "service_model":
    case "compare":
      return intent.name as Ask;
    case "service_overview":
      return "overview";
    default:
      return undefined;
  }
}
