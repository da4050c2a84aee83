// The compare matrix: one row per service, each with the entry of the topic that is most about it.
import type { Category, Entry, KnowledgeBase, ModelId, Service } from "../knowledge/schema.js";
import { type Answer, type CompareRow, type EntryRef, OWNER_LABEL } from "./answer.js";
import { blankAnswer } from "./answer-parts.js";
import { compareCell, compareHeadline } from "./answer-words.js";
import type { Scored } from "./entry-index.js";
import { CATEGORY_NAME } from "./topics.js";

/** Services one comparison shows: a row each, and a button each, within every surface's limits. */
const MAX_COMPARE_SERVICES = 8;

/** What a comparison reads from the knowledge the Composer indexes. */
export interface Comparing {
  kb: KnowledgeBase;
  entriesOf(serviceId: string): Entry[];
  ref(e: Entry): EntryRef;
  modelName(id: ModelId): string;
}

export function compareAnswer(
  k: Comparing,
  question: string,
  topic: Category | null,
  named: Service[],
  ranked: Scored[],
  opts: { defaulted?: boolean },
): Answer {
  const rankOf = new Map(ranked.map((r, i) => [k.kb.entries[r.target]?.id, i]));
  const services = named.slice(0, MAX_COMPARE_SERVICES);
  const leftOut = named.slice(MAX_COMPARE_SERVICES).map((s) => ({ id: s.id, name: s.name }));
  const rows: CompareRow[] = services.map((s) => {
    const candidates = topic ? k.entriesOf(s.id).filter((e) => e.category === topic) : [];
    // An entry named after the service ("ec2-guest-os-patching") is about it first; then the ranking.
    const own = (e: Entry) => (e.id.startsWith(`${s.id}-`) ? 0 : 1);
    candidates.sort((a, b) => own(a) - own(b) || (rankOf.get(a.id) ?? 1e9) - (rankOf.get(b.id) ?? 1e9));
    const e = candidates[0];
    return {
      service: { id: s.id, name: s.name, model: s.model, summary: s.summary },
      owner: e?.owner ?? null,
      entry: e ? k.ref(e) : null,
    };
  });
  const topicName = topic ? CATEGORY_NAME[topic] : compareCell.allTopics;
  const summary = rows
    .map((r) =>
      topic
        ? `${r.service.name}: ${r.owner ? OWNER_LABEL[r.owner] : compareCell.notCovered}`
        : `${r.service.name}: ${k.modelName(r.service.model)}`,
    )
    .join("; ");
  return {
    ...blankAnswer(question, "compare"),
    headline: compareHeadline(topicName, summary),
    detail: { kind: "compare", topic, topicName, rows, defaulted: opts.defaulted === true, leftOut },
  };
}
