import type { Category, Entry, KnowledgeBase, ModelId, Service } from "../knowledge/schema.js";
import type { Answer, EntryDetail, EntryRef, FallbackDetail, ModelView } from "./answer.js";
import { blankAnswer, questionOf, round } from "./answer-parts.js";
import { answerService } from "./answer-service.js";
import {
  caseOf,
  controlsHeadline,
  EXAMPLE_QUESTIONS,
  entryHeadline,
  FALLBACK_HEADLINE,
  modelsHeadline,
  OWNER_IN_DOUBT_HEADLINE,
  overviewQuestion,
  PART_OF_SHARED,
  sideDependsHeadline,
  splitLayerHeadline,
  UNKNOWN_SERVICE_HEADLINE,
} from "./answer-words.js";
import { type Comparing, compareAnswer } from "./compose-compare.js";
import { ruleAnswer } from "./compose-rule.js";
import type { Scored } from "./entry-index.js";
import type { Ruling } from "./responsibility.js";

const OVERVIEW_PER_SIDE = 5;

/** Builds Answers from knowledge; knows nothing about how questions were matched. */
export class Composer {
  private readonly entryById = new Map<string, Entry>();
  private readonly serviceById = new Map<string, Service>();
  private readonly entriesByService = new Map<string, Entry[]>();

  private readonly comparing: Comparing;

  constructor(private readonly kb: KnowledgeBase) {
    this.comparing = {
      kb,
      entriesOf: (id) => this.entriesByService.get(id) ?? [],
      ref: (e) => this.ref(e),
      modelName: (id) => this.modelView(id).name,
    };
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
    ctx: {
      mentioned: Service[];
      implied?: Service[];
      closeCall?: Entry;
      part?: "customer" | "aws";
      /** The part asked about is AWS's act of making the update ("who builds and releases"), not applying it. */
      producing?: boolean;
      /** The question names a product the knowledge base does not know. */
      unknownProduct?: boolean;
      /** The caveat whose case the question names, when it gives that case its own owner. */
      case?: { label: string; owner: "customer" | "aws" };
    },
  ): Answer {
    // A shared duty asked from one side ("who kicks off the update", "training for our devs"): that side's part.
    // The case a caveat names ("ElastiCache Serverless") says more than the side the wording leans to.
    const settled = ctx.case && ctx.case.owner !== e.owner ? ctx.case : undefined;
    const part = e.owner === "shared" && !settled ? ctx.part : undefined;
    const owner = part ?? settled?.owner ?? e.owner;
    const serviceId = answerService(e, ctx, (id) => this.serviceById.get(id));
    const service = serviceId ? this.serviceById.get(serviceId) : undefined;
    const detail: EntryDetail = {
      kind: "entry",
      id: e.id,
      statement: e.statement,
      owner,
      category: e.category,
      rationale: part
        ? `${PART_OF_SHARED[part]} ${e.rationale}`
        : settled
          ? `${caseOf(e.owner, settled.label, settled.owner)} ${e.rationale}`
          : e.rationale,
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
      // AWS's act within a guest OS it shares with the customer (building and releasing the patched image or
      // platform version) is software AWS delivers with the service; applying it stays at the guest OS.
      layer: part === "aws" && ctx.producing && e.layer === "guest-os" ? "service-software" : e.layer,
      entry: e.id,
      confidence: round(confidence),
      suggestions: ctx.closeCall ? [questionOf(ctx.closeCall)] : [],
      headline: entryHeadline({ statement: e.statement, owner }),
      detail,
    };
  }

  /** A duty no entry covers for this service: see compose-rule.ts. */
  rule(
    question: string,
    ruling: Ruling,
    confidence: number,
    related: Entry[],
    named: boolean,
    asked?: "customer" | "aws",
  ): Answer {
    return ruleAnswer(
      { ref: (e) => this.ref(e), modelName: (id) => this.modelView(id).name },
      { question, ruling, confidence, related, named, asked },
    );
  }

  /** The same answer, about another (known) service: its id and model. */
  asService(a: Answer, id: string): Answer {
    const service = this.serviceById.get(id);
    return service ? { ...a, service: service.id, model: service.model } : a;
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
      ...blankAnswer(question, "service_overview"),
      service: s.id,
      model: s.model,
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
      ...blankAnswer(question, "service_model"),
      model: one?.id ?? null,
      headline: one ? `${one.name}: ${one.summary}` : modelsHeadline(views.map((v) => v.name)),
      detail: { kind: "models", models: views, ...(unknown ? { unknown } : {}) },
    };
  }

  controls(question: string): Answer {
    return {
      ...blankAnswer(question, "shared_controls"),
      // The controls listed are the ones both parties hold: the answer's owner is that shared ownership.
      owner: "shared",
      headline: controlsHeadline(this.kb.controls.map((c) => c.name)),
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
  compare(question: string, topic: Category | null, named: Service[], ranked: Scored[], opts = {}): Answer {
    return compareAnswer(this.comparing, question, topic, named, ranked, opts);
  }

  /** `service <name>` for a name we do not know: said back as typed, with the closest services offered. */
  unknownService(typed: string, closest: Service[]): Answer {
    const answer = this.fallback(typed, "low_confidence", []);
    const suggestions = closest.slice(0, 3).map((s) => overviewQuestion(s.name));
    return {
      ...answer,
      headline: UNKNOWN_SERVICE_HEADLINE,
      suggestions: suggestions.length ? suggestions : answer.suggestions,
      detail: { kind: "fallback", reason: "low_confidence", unknownService: typed },
    };
  }

  /**
   * Asked back rather than answered: two readings with different owners, a layer the service splits
   * ("split"), or a side the general rule may not give for this service ("side").
   */
  ownerInDoubt(
    question: string,
    offered: Entry[],
    service?: Service,
    why: "readings" | "split" | "side" = "readings",
  ): Answer {
    const suggestions = offered.slice(0, 2).map(questionOf);
    if (service) suggestions.push(overviewQuestion(service.name));
    const headline = !service
      ? OWNER_IN_DOUBT_HEADLINE
      : why === "split"
        ? splitLayerHeadline(service.name)
        : why === "side"
          ? sideDependsHeadline(service.name)
          : OWNER_IN_DOUBT_HEADLINE;
    return { ...this.fallback(question, "low_confidence", []), headline, suggestions };
  }

  fallback(question: string, reason: FallbackDetail["reason"], targets: number[], service?: Service): Answer {
    let suggestions = targets.flatMap((t) => {
      const e = this.kb.entries[t];
      return e ? [questionOf(e)] : [];
    });
    if (service) {
      const top = (this.entriesByService.get(service.id) ?? []).slice(0, 2).map(questionOf);
      suggestions = [overviewQuestion(service.name), ...top];
    }
    if (suggestions.length === 0) suggestions = EXAMPLE_QUESTIONS.slice(0, 3);
    return {
      ...blankAnswer(question, "fallback"),
      confidence: 0,
      suggestions: suggestions.slice(0, 3),
      headline: FALLBACK_HEADLINE[reason],
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
