// What the engine knows of words: which service names are distinctive, and the vocabulary typos are
// corrected towards.
import type { KnowledgeBase, Service } from "../knowledge/schema.js";
import { canonical, STOPWORDS, tokenize } from "./text.js";

/**
 * A strong alias names the service itself ("rds instances", "dynamo"); a weak one names a feature or an
 * everyday word ("security groups", "instances") and identifies the service only when nothing else does.
 */
export function isDistinctive(alias: string, service: Service, phrasings: PhrasingIndex): boolean {
  const own = new Set(
    tokenize(`${service.id} ${service.name}`)
      .filter((w) => !GENERIC_NAME_WORDS.has(w))
      .map(canonical),
  );
  const stems = tokenize(alias).map(canonical);
  // "lambdas" names Lambda as surely as "lambda" does.
  if (stems.some((w) => own.has(w))) return true;
  // An everyday word ("instances", "security groups") turns up in the phrasings of many other services;
  // a product nickname ("alb", "sechub") in one or two at most, where it names this service.
  const others = phrasings.servicesUsing(stems);
  others.delete(service.id);
  return others.size < WEAK_ALIAS_SERVICES;
}

/** An alias used in the phrasings of this many other services (or general entries) is an everyday word. */
const WEAK_ALIAS_SERVICES = 3;

/** Which services' phrasings use a set of stems together: postings per stem, so an alias costs one list. */
export class PhrasingIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly stems: Array<Set<string>> = [];
  private readonly services: string[][] = [];

  add(services: string[], stems: Set<string>): void {
    const id = this.stems.length;
    this.stems.push(stems);
    this.services.push(services.length ? services : ["general"]);
    for (const s of stems) {
      const list = this.postings.get(s);
      if (list) list.push(id);
      else this.postings.set(s, [id]);
    }
  }

  servicesUsing(stems: string[]): Set<string> {
    const out = new Set<string>();
    const lists = stems.map((s) => this.postings.get(s) ?? []);
    const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a), lists[0] ?? []);
    for (const id of shortest)
      if (stems.every((s) => this.stems[id]?.has(s))) for (const x of this.services[id] ?? []) out.add(x);
    return out;
  }
}

export const GENERIC_NAME_WORDS = new Set(["amazon", "aws", "service", "simple", "manager", "management"]);

/** Every word the bot knows, weighted by how often the knowledge base uses it; typos are corrected towards these. */
export function vocabulary(
  kb: KnowledgeBase,
  entryTokens: string[][],
  everyday: readonly string[],
  ...matchers: Array<{ vocabulary: Set<string> }>
): Map<string, number> {
  const words = new Map<string, number>();
  const add = (tokens: string[]) => {
    for (const w of tokens) words.set(w, (words.get(w) ?? 0) + 1);
  };
  for (const t of entryTokens) add(t);
  for (const i of kb.intents) for (const x of i.examples) add(tokenize(x));
  for (const m of matchers) for (const w of m.vocabulary) words.set(w, (words.get(w) ?? 0) + 5);
  for (const w of STOPWORDS) words.set(w, (words.get(w) ?? 0) + 10);
  for (const w of everyday) words.set(w, (words.get(w) ?? 0) + 1);
  return words;
}
