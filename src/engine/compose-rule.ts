// A duty no entry covers for a service, answered from the responsibility model and labelled as the general
// rule for its kind of service, with the service's own summary — never with another service's entry.
import type { Entry, ModelId } from "../knowledge/schema.js";
import type { Answer, EntryRef } from "./answer.js";
import { LAYER_CATEGORY, questionOf, round } from "./answer-parts.js";
import { entryHeadline, PART_OF_SHARED, ruleLabel as RULE_LABEL } from "./answer-words.js";
import type { Ruling } from "./responsibility.js";

/** What a general-rule answer reads from the knowledge the Composer indexes. */
export interface Ruled {
  ref(e: Entry): EntryRef;
  modelName(id: ModelId): string;
}

export function ruleAnswer(
  k: Ruled,
  q: {
    question: string;
    ruling: Ruling;
    confidence: number;
    related: Entry[];
    /** Whether the question named the service (else the answer's `service` is null). */
    named: boolean;
    asked?: "customer" | "aws";
  },
): Answer {
  const { ruling, related } = q;
  const { layer, service } = ruling;
  // A layer both sides share (training) asked about from one side: that side's part.
  const part = ruling.owner === "shared" ? q.asked : undefined;
  const owner = part ?? ruling.owner;
  const kind = ruling.model ? k.modelName(ruling.model) : null;
  const ruleLabel =
    ruling.override && !ruling.choice
      ? RULE_LABEL.exception(ruling.variant?.name ?? service?.name)
      : kind
        ? RULE_LABEL.kind(kind)
        : RULE_LABEL.any;
  const choice = ruling.choice ? layer.choices : undefined;
  const rationale = [
    part ? PART_OF_SHARED[part] : undefined,
    choice ? ruling.text : (ruling.override?.text ?? ruling.text),
    service?.summary,
  ]
    .filter(Boolean)
    .join(" ");
  const duty = choice?.duty ?? layer.duty;
  const statement = service ? `${duty} — ${service.name}` : duty;
  const source = service?.url
    ? { title: service.sourceTitle ?? `Security in ${service.name}`, url: service.url }
    : layer.source;
  return {
    question: q.question,
    intent: "who_owns",
    owner,
    service: q.named ? (service?.id ?? null) : null,
    model: ruling.model,
    layer: layer.id,
    entry: null,
    confidence: round(q.confidence),
    suggestions: related.slice(0, 2).map(questionOf),
    headline: entryHeadline({ statement, owner }),
    detail: {
      kind: "entry",
      basis: "rule",
      ruleLabel,
      id: `rule-${layer.id}`,
      statement,
      owner,
      category: LAYER_CATEGORY[layer.id],
      rationale,
      caveats: [],
      otherParty: choice?.otherParty ?? layer.otherParty,
      services: service ? [{ id: service.id, name: service.name }] : [],
      source,
      reviewed: service?.reviewed ?? layer.reviewed,
      related: related.slice(0, 3).map((e) => k.ref(e)),
    },
  };
}
