// The lexicon (intents/lexicon.json) compiled for reading: every surface phrase normalised exactly as a
// question is (tokens, abbreviations, stems), so data authors write plain words and never stemmer output.
import type { LayerId, Lexicon, ModelId } from "../knowledge/schema.js";
import { expandAbbreviations } from "./analyzer.js";
import { PhraseMatcher } from "./phrases.js";
import { canonical, tokenize } from "./text.js";

/** The id of a phrase that holds a duty word but names no duty (lexicon notDuties). */
export const NOT_A_DUTY = "";

export interface DutyCue {
  id: string;
  /** The duty's place in the lexicon, which lists the specific duties (patch) before the generic (maintain). */
  rank?: number;
  layer?: Record<ModelId, LayerId | null>;
}

export interface LayerCue {
  layer: LayerId;
  /** A phrase that holds a layer word but names no layer (lexicon notLayerCues): it only hides that word. */
  none?: true;
  strong: boolean;
  words: number;
  /** Software a managed service runs: service-software there, the customer's application on IaaS. */
  platform?: boolean;
  /** The host under a service: virtualization under IaaS, the service's own software elsewhere. */
  host?: boolean;
  /** Software on a server: the instance's OS when an instance is patched, else the customer's application. */
  instance?: boolean;
}

/** The stems of a phrase, as a question's words become stems. */
export function phraseStems(text: string): string[] {
  return expandAbbreviations(tokenize(text)).map(canonical);
}

export class CompiledLexicon {
  readonly layers = new PhraseMatcher<LayerCue>();
  readonly duties = new PhraseMatcher<DutyCue>();
  readonly incident = new PhraseMatcher<true>();
  readonly yesno = new PhraseMatcher<true>();
  readonly howTo = new PhraseMatcher<true>();
  readonly ownership = new PhraseMatcher<true>();
  readonly sides = new PhraseMatcher<"customer" | "aws">();
  readonly ownWorkload = new PhraseMatcher<true>();
  readonly compare = new PhraseMatcher<true>();
  readonly compareStrong = new PhraseMatcher<true>();
  readonly offTopic = new PhraseMatcher<true>();
  readonly otherClouds = new PhraseMatcher<true>();
  /** A service's feature named without its name, with the layer it is named in. */
  readonly impliedServices = new PhraseMatcher<{
    service: string;
    layer: LayerId;
    with?: PhraseMatcher<true>;
  }>();
  readonly otherProducts = new PhraseMatcher<string>();
  /** Words naming a part of the service given ("hsm" beside KMS), which are also another service's name. */
  readonly partNames = new PhraseMatcher<string>();
  readonly outcomes = new PhraseMatcher<true>();
  readonly onPremises = new PhraseMatcher<true>();
  readonly wholeControl = new PhraseMatcher<true>();
  readonly choices = new PhraseMatcher<true>();
  readonly acts = new PhraseMatcher<"customer" | "aws">();
  readonly parties = new PhraseMatcher<"customer" | "aws">();
  /** Options that name a party ("the customer", "both"), as their words joined by spaces. */
  readonly partyOptions: ReadonlySet<string>;
  /** Words typo correction leaves as they are, though the knowledge never uses them. */
  readonly everyday: readonly string[];
  /** English words typo correction never turns into another word. */
  readonly plain: ReadonlySet<string>;
  /** Single words, matched as a question's words are (not stemmed): see the lexicon's schema. */
  readonly yesnoFirst: ReadonlySet<string>;
  readonly yesnoLast: ReadonlySet<string>;
  readonly partyWords: ReadonlySet<string>;
  readonly whoWords: ReadonlySet<string>;
  private readonly phrases: string[] = [];

  /** Every word the lexicon uses, so typo correction leans towards them (computed when asked). */
  get vocabulary(): Set<string> {
    return new Set(this.phrases.flatMap((p) => expandAbbreviations(tokenize(p))));
  }

  /** `stemsOf` may return stems saved by an earlier build; by default each phrase is normalised here. */
  constructor(lex: Lexicon, stemsOf: (phrase: string) => string[] = phraseStems) {
    const add = <T>(m: PhraseMatcher<T>, phrase: string, value: (n: number) => T) => {
      const stems = stemsOf(phrase);
      this.phrases.push(phrase);
      m.addStems(stems, value(stems.length));
    };
    for (const [layer, cues] of Object.entries(lex.layers) as Array<[LayerId, Lexicon["layers"][LayerId]]>) {
      for (const p of cues.strong) add(this.layers, p, (n) => ({ layer, strong: true, words: n }));
      for (const p of cues.weak) add(this.layers, p, (n) => ({ layer, strong: false, words: n }));
    }
    for (const p of lex.platformSoftware)
      add(this.layers, p, (n) => ({
        layer: "service-software" as const,
        strong: true,
        words: n,
        platform: true,
      }));
    for (const p of lex.hostSoftware)
      add(this.layers, p, (n) => ({ layer: "virtualization" as const, strong: true, words: n, host: true }));
    for (const p of lex.instanceSoftware)
      add(this.layers, p, (n) => ({ layer: "application" as const, strong: true, words: n, instance: true }));
    for (const p of lex.notLayerCues)
      add(this.layers, p, (n) => ({ layer: "data" as const, strong: false, words: n, none: true as const }));
    for (const p of lex.sides.customer) add(this.sides, p, () => "customer" as const);
    for (const p of lex.sides.aws) add(this.sides, p, () => "aws" as const);
    for (const p of lex.ownWorkload) add(this.ownWorkload, p, () => true as const);
    for (const [rank, [id, duty]] of Object.entries(lex.duties).entries())
      for (const p of duty.words) add(this.duties, p, () => ({ id, layer: duty.layer, rank }));
    for (const p of lex.notDuties) add(this.duties, p, () => ({ id: NOT_A_DUTY }));
    for (const p of lex.framings.incident) add(this.incident, p, () => true as const);
    for (const p of lex.framings.yesno) add(this.yesno, p, () => true as const);
    for (const p of lex.framings.howTo) add(this.howTo, p, () => true as const);
    for (const p of lex.ownership) add(this.ownership, p, () => true as const);
    for (const p of lex.compare) add(this.compare, p, () => true as const);
    for (const p of lex.compareStrong) add(this.compareStrong, p, () => true as const);
    for (const p of lex.offTopic) add(this.offTopic, p, () => true as const);
    for (const p of lex.otherClouds) add(this.otherClouds, p, () => true as const);
    for (const implied of lex.impliedServices) {
      const { service, layer } = implied;
      let along: PhraseMatcher<true> | undefined;
      if (implied.with) {
        along = new PhraseMatcher<true>();
        for (const p of implied.with) add(along, p, () => true as const);
      }
      for (const p of implied.words) add(this.impliedServices, p, () => ({ service, layer, with: along }));
    }
    for (const p of lex.otherProducts) add(this.otherProducts, p, () => p);
    for (const part of lex.partNames) for (const p of part.words) add(this.partNames, p, () => part.service);
    for (const p of lex.outcomes) add(this.outcomes, p, () => true as const);
    for (const p of lex.onPremises) add(this.onPremises, p, () => true as const);
    for (const p of lex.wholeControl) add(this.wholeControl, p, () => true as const);
    for (const p of lex.choices) add(this.choices, p, () => true as const);
    for (const p of lex.acts.aws) add(this.acts, p, () => "aws" as const);
    for (const p of lex.acts.customer) add(this.acts, p, () => "customer" as const);
    for (const p of lex.parties.aws) add(this.parties, p, () => "aws" as const);
    for (const p of lex.parties.customer) add(this.parties, p, () => "customer" as const);
    this.partyOptions = new Set(lex.partyOptions.map((p) => expandAbbreviations(tokenize(p)).join(" ")));
    this.everyday = lex.everydayWords;
    this.plain = new Set(lex.plainWords);
    this.yesnoFirst = new Set(lex.framings.yesnoFirst);
    this.yesnoLast = new Set(lex.framings.yesnoLast);
    this.partyWords = new Set(lex.partyWords);
    this.whoWords = new Set(lex.whoWords);
  }
}
