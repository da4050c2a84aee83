import type { Category, Entry, KnowledgeBase, LayerId, ModelId, Service } from "../knowledge/schema.js";
import {
  type Answer,
  type CompareRow,
  type EntryDetail,
  type EntryRef,
  type FallbackDetail,
  type ModelView,
  OWNER_LABEL,
} from "./answer.js";
import type { Scored } from "./entry-index.js";
import type { Ruling } from "./responsibility.js";
import { CATEGORY_NAME } from "./topics.js";

export const EXAMPLE_QUESTIONS = [
  "Who handles RDS patching?",
  "What am I responsible for with Lambda?",
  "Is encrypting data in transit my job?",
  "Patching on EC2 vs RDS vs Lambda",
  "IaaS vs PaaS vs serverless",
  "What are the shared controls?",
];

// Every command the chat surfaces accept. Each one short and written out: no long `a|b|c` token that a
// narrow card would have to break mid-word.
export const COMMANDS = [
  { command: "<question>", description: "Ask who owns a task, e.g. “who patches the EC2 guest OS?”" },
  { command: "service <name>", description: "What you and AWS each own for one service" },
  { command: "model iaas", description: "How the split looks for IaaS (also: model paas, model serverless)" },
  {
    command: "compare [topic] [services]",
    description: "One topic across services, as a matrix (alone: patching on EC2, RDS and Lambda)",
  },
  { command: "quiz", description: "A practice quiz question, just for you" },
  { command: "quiz daily [HH:MM]", description: "Post a quiz question in this channel every day" },
  { command: "quiz status", description: "When the daily quiz posts here" },
  { command: "quiz now", description: "Post a quiz question in this channel now" },
  { command: "quiz reveal", description: "Show the answer to the open quiz question" },
  { command: "quiz stop", description: "Stop the daily quiz in this channel" },
  { command: "leaderboard", description: "Quiz scores for this channel, all time" },
  { command: "leaderboard week", description: "Quiz scores for this channel, this week" },
  { command: "help", description: "This message" },
];

const OVERVIEW_PER_SIDE = 5;
/** Services one comparison shows: a row each, and a button each, within every surface's limits. */
export const MAX_COMPARE_SERVICES = 8;

/** Builds Answers from knowledge; knows nothing about how questions were matched. */
export class Composer {
  private readonly entryById = new Map<string, Entry>();
  private readonly serviceById = new Map<string, Service>();
  private readonly entriesByService = new Map<string, Entry[]>();

  constructor(private readonly kb: KnowledgeBase) {
    for (const e of kb.entries) {
      this.entryById.set(e.id, e);
      for (const s of e.services) {
        const list = this.entriesByService.get(s) ?? [];
        list.push(e);
        this.entriesByService.set(s, list);
      }
    }
    for (const s of kb.services) this.serviceById.set(s.id, s);
  }

  ref(e: Entry): EntryRef {
    return { id: e.id, statement: e.statement, owner: e.owner, question: questionOf(e) };
  }

  entry(
    question: string,
    e: Entry,
    confidence: number,
    ctx: { mentioned: Service[]; closeCall?: Entry; part?: "customer" | "aws" },
  ): Answer {
    // A shared duty asked from one side ("who kicks off the update", "training for our devs"): that side's part.
    const part = e.owner === "shared" ? ctx.part : undefined;
    const owner = part ?? e.owner;
    // The contract's `service` is the service the question named (subject first) that the entry is about,
    // else the subject; never whichever service the entry happens to list first.
    const mentioned = ctx.mentioned.find((s) => e.services.includes(s.id)) ?? ctx.mentioned[0];
    const serviceId = mentioned?.id ?? null;
    const service = serviceId ? this.serviceById.get(serviceId) : undefined;
    const detail: EntryDetail = {
      kind: "entry",
      id: e.id,
      statement: e.statement,
      owner,
      category: e.category,
      rationale: part ? `${PART_OF_SHARED[part]} ${e.rationale}` : e.rationale,
      caveats: e.caveats,
      otherParty: e.otherParty,
      services: this.named(e.services),
      basis: "entry",
      source:
        e.source.kind === "aws" ? { title: e.source.title, url: e.source.url } : { title: e.source.title },
      reviewed: e.reviewed,
      related: e.related.flatMap((id) => {
        const r = this.entryById.get(id);
        return r ? [this.ref(r)] : [];
      }),
      closeCall: ctx.closeCall ? this.ref(ctx.closeCall) : undefined,
    };
    return {
      question,
      intent: "who_owns",
      owner,
      service: serviceId,
      model: service?.model ?? null,
      layer: e.layer,
      entry: e.id,
      confidence: round(confidence),
      suggestions: ctx.closeCall ? [questionOf(ctx.closeCall)] : [],
      headline: entryHeadline({ statement: e.statement, owner }),
      detail,
    };
  }

  /**
   * A duty no entry covers for this service, answered from the responsibility model and labelled as the
   * general rule for its kind of service, with the service's own summary — never another service's entry.
   */
  rule(question: string, ruling: Ruling, confidence: number, related: Entry[], named: boolean): Answer {
    const { layer, service, owner } = ruling;
    const kind = ruling.model ? this.modelView(ruling.model).name : null;
    const ruleLabel =
      ruling.override && !ruling.choice
        ? `${ruling.variant?.name ?? service?.name}: an exception to the general rule`
        : kind
          ? `General rule for ${kind}`
          : "General rule for every kind of AWS service";
    const choice = ruling.choice ? layer.choices : undefined;
    const rationale = [choice ? ruling.text : (ruling.override?.text ?? ruling.text), service?.summary]
      .filter(Boolean)
      .join(" ");
    const duty = choice?.duty ?? layer.duty;
    const statement = service ? `${duty} — ${service.name}` : duty;
    const source = service?.url
      ? { title: service.sourceTitle ?? `Security in ${service.name}`, url: service.url }
      : layer.source;
    return {
      question,
      intent: "who_owns",
      owner,
      service: named ? (service?.id ?? null) : null,
      model: ruling.model,
      layer: layer.id,
      entry: null,
      confidence: round(confidence),
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
        related: related.slice(0, 3).map((e) => this.ref(e)),
      },
    };
  }

  /** Entries of a service in one layer, for "see also" under a general-rule answer. */
  entriesOf(serviceId: string | null): Entry[] {
    return serviceId ? (this.entriesByService.get(serviceId) ?? []) : [];
  }

  service(question: string, s: Service): Answer {
    const entries = this.entriesByService.get(s.id) ?? [];
    const side = (owner: Entry["owner"]) =>
      entries
        .filter((e) => e.owner === owner)
        .sort((a, b) => Number(b.seed ?? false) - Number(a.seed ?? false))
        .slice(0, OVERVIEW_PER_SIDE)
        .map((e) => this.ref(e));
    const model = this.modelView(s.model);
    return {
      question,
      intent: "service_overview",
      owner: null,
      service: s.id,
      model: s.model,
      layer: null,
      entry: null,
      confidence: 1,
      suggestions: [],
      headline: `${s.name} (${model.name}): ${s.summary}`,
      detail: {
        kind: "service",
        id: s.id,
        name: s.name,
        model: s.model,
        modelName: model.name,
        summary: s.summary,
        url: s.url,
        aws: side("aws"),
        customer: side("customer"),
        shared: side("shared"),
      },
    };
  }

  models(question: string, ids: ModelId[], unknown?: string): Answer {
    const chosen = ids.length ? ids : this.kb.models.map((m) => m.id);
    const views = chosen.map((id) => this.modelView(id));
    const one = views.length === 1 ? views[0] : undefined;
    return {
      question,
      intent: "service_model",
      owner: null,
      service: null,
      model: one?.id ?? null,
      layer: null,
      entry: null,
      confidence: 1,
      suggestions: [],
      headline: one
        ? `${one.name}: ${one.summary}`
        : `The split moves with the service model: ${views.map((v) => v.name).join(", then ")} — the more AWS manages, the less you patch and configure, but your data and access stay yours.`,
      detail: { kind: "models", models: views, ...(unknown ? { unknown } : {}) },
    };
  }

  controls(question: string): Answer {
    return {
      question,
      intent: "shared_controls",
      owner: null,
      service: null,
      model: null,
      layer: null,
      entry: null,
      confidence: 1,
      suggestions: [],
      headline: `Shared controls apply on both sides, each in its own layer: ${this.kb.controls.map((c) => c.name).join(", ")}.`,
      detail: {
        kind: "controls",
        controls: this.kb.controls.map((c) => ({
          id: c.id,
          name: c.name,
          summary: c.summary,
          aws: c.aws,
          customer: c.customer,
        })),
      },
    };
  }

  /** A matrix: one row per service; with no topic, each service's model and overall split. */
  compare(
    question: string,
    topic: Category | null,
    named: Service[],
    ranked: Scored[],
    opts: { defaulted?: boolean } = {},
  ): Answer {
    const rankOf = new Map(ranked.map((r, i) => [this.kb.entries[r.target]?.id, i]));
    const services = named.slice(0, MAX_COMPARE_SERVICES);
    const leftOut = named.slice(MAX_COMPARE_SERVICES).map((s) => ({ id: s.id, name: s.name }));
    const rows: CompareRow[] = services.map((s) => {
      const candidates = topic
        ? (this.entriesByService.get(s.id) ?? []).filter((e) => e.category === topic)
        : [];
      // An entry named after the service ("ec2-guest-os-patching") is about it first; then the ranking.
      const own = (e: Entry) => (e.id.startsWith(`${s.id}-`) ? 0 : 1);
      candidates.sort((a, b) => own(a) - own(b) || (rankOf.get(a.id) ?? 1e9) - (rankOf.get(b.id) ?? 1e9));
      const e = candidates[0];
      return {
        service: { id: s.id, name: s.name, model: s.model, summary: s.summary },
        owner: e?.owner ?? null,
        entry: e ? this.ref(e) : null,
      };
    });
    const topicName = topic ? CATEGORY_NAME[topic] : "Who owns what";
    const summary = rows
      .map((r) =>
        topic
          ? `${r.service.name}: ${r.owner ? OWNER_LABEL[r.owner] : "not covered"}`
          : `${r.service.name}: ${this.modelView(r.service.model).name}`,
      )
      .join("; ");
    return {
      question,
      intent: "compare",
      owner: null,
      service: null,
      model: null,
      layer: null,
      entry: null,
      confidence: 1,
      suggestions: [],
      headline: `${topicName} across services — ${summary}.`,
      detail: { kind: "compare", topic, topicName, rows, defaulted: opts.defaulted === true, leftOut },
    };
  }

  help(question: string): Answer {
    return {
      question,
      intent: "help",
      owner: null,
      service: null,
      model: null,
      layer: null,
      entry: null,
      confidence: 1,
      suggestions: EXAMPLE_QUESTIONS.slice(0, 3),
      headline:
        "I answer who owns what under the AWS Shared Responsibility Model — AWS, you, or both — and run a daily quiz.",
      detail: { kind: "help", examples: EXAMPLE_QUESTIONS, commands: COMMANDS },
    };
  }

  command(question: string, command: "quiz" | "leaderboard"): Answer {
    return {
      question,
      intent: command,
      owner: null,
      service: null,
      model: null,
      layer: null,
      entry: null,
      confidence: 1,
      suggestions: [],
      headline: command === "quiz" ? "Here is a quiz question." : "Here is the quiz leaderboard.",
      detail: { kind: "command", command },
    };
  }

  /** `service <name>` for a name we do not know: said back as typed, with the closest services offered. */
  unknownService(typed: string, closest: Service[]): Answer {
    const answer = this.fallback(typed, "low_confidence", []);
    const suggestions = closest.slice(0, 3).map((s) => `What am I responsible for with ${s.name}?`);
    return {
      ...answer,
      headline: "I don't know that service. Did you mean one of these?",
      suggestions: suggestions.length ? suggestions : answer.suggestions,
      detail: { kind: "fallback", reason: "low_confidence", unknownService: typed },
    };
  }

  fallback(question: string, reason: FallbackDetail["reason"], targets: number[], service?: Service): Answer {
    let suggestions = targets.flatMap((t) => {
      const e = this.kb.entries[t];
      return e ? [questionOf(e)] : [];
    });
    if (service) {
      const top = (this.entriesByService.get(service.id) ?? []).slice(0, 2).map(questionOf);
      suggestions = [`What am I responsible for with ${service.name}?`, ...top];
    }
    if (suggestions.length === 0) suggestions = EXAMPLE_QUESTIONS.slice(0, 3);
    const headline =
      reason === "empty"
        ? "Ask me who owns a task in AWS — for example, who handles RDS patching?"
        : reason === "low_confidence"
          ? "I'm not sure which responsibility you mean. Did you mean one of these?"
          : "That's outside what I know: I answer who owns what under the AWS Shared Responsibility Model.";
    return {
      question,
      intent: "fallback",
      owner: null,
      service: null,
      model: null,
      layer: null,
      entry: null,
      confidence: 0,
      suggestions: suggestions.slice(0, 3),
      headline,
      detail: { kind: "fallback", reason },
    };
  }

  private modelView(id: ModelId): ModelView {
    const m = this.kb.models.find((x) => x.id === id);
    if (!m) throw new Error(`service model ${id} is missing from models.json`);
    return {
      id: m.id,
      name: m.name,
      summary: m.summary,
      aws: m.aws,
      customer: m.customer,
      examples: this.named(m.examples),
    };
  }

  /** Service ids as id and display name, skipping unknown ids. */
  private named(ids: string[]): Array<{ id: string; name: string }> {
    return ids.flatMap((id) => {
      const s = this.serviceById.get(id);
      return s ? [{ id, name: s.name }] : [];
    });
  }
}

/** The question a button sends to ask for this entry again. */
export function questionOf(e: Entry): string {
  const p = e.phrasings[0] ?? e.statement;
  return p.endsWith("?") ? p : `${p}?`;
}

/** The compare topic a layer's duties fall under, for rule answers shown beside entries. */
export const LAYER_CATEGORY: Record<LayerId, Category> = {
  facilities: "physical",
  hardware: "infrastructure",
  "global-network": "infrastructure",
  virtualization: "infrastructure",
  "service-software": "patching",
  "guest-os": "patching",
  application: "code",
  data: "data",
  "identity-access": "identity-access",
  "network-config": "network",
  encryption: "encryption",
  "logging-monitoring": "logging-monitoring",
  resilience: "resilience",
  compliance: "compliance",
  training: "training",
};

const PART_OF_SHARED = {
  customer:
    "The duty is shared, and the part asked about (deciding, starting or switching it on, or your own people) is yours.",
  aws: "The duty is shared, and the part asked about (what happens on AWS's side or by itself) is AWS's.",
} as const;

function entryHeadline(e: Pick<Entry, "statement" | "owner">): string {
  const task = e.statement.replace(/\.$/, "");
  switch (e.owner) {
    case "aws":
      return `AWS owns this: ${lowerFirst(task)}.`;
    case "customer":
      return `You (the customer) own this: ${lowerFirst(task)}.`;
    default:
      return `Shared: AWS and you each own part of ${lowerFirst(task)}.`;
  }
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
