import type { Category, LayerId, ModelId, Owner } from "../knowledge/schema.js";

export const INTENT_NAMES = [
  "who_owns",
  "service_overview",
  "service_model",
  "shared_controls",
  "compare",
  "quiz",
  "leaderboard",
  "help",
  "fallback",
] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

/** A pointer to another entry, with the question that asks for it (what a button sends back). */
export interface EntryRef {
  id: string;
  statement: string;
  owner: Owner;
  question: string;
}

export interface EntryDetail {
  kind: "entry";
  /**
   * "entry": a curated entry explains this duty. "rule": no entry covers it for this service, so the answer
   * is the general rule of the responsibility model for the service's kind, said as such.
   */
  basis: "entry" | "rule";
  /** For a rule: whose rule it is, e.g. "General rule for managed services". */
  ruleLabel?: string;
  id: string;
  statement: string;
  owner: Owner;
  category: Category;
  rationale: string;
  caveats: Array<{ label: string; owner?: Owner; text: string }>;
  otherParty: string;
  services: Array<{ id: string; name: string }>;
  source: { title: string; url?: string };
  reviewed: string;
  related: EntryRef[];
  /** Set when another entry scored almost as high: the answer says so and offers it. */
  closeCall?: EntryRef;
}

export interface ServiceDetail {
  kind: "service";
  id: string;
  name: string;
  model: ModelId;
  modelName: string;
  summary: string;
  url?: string;
  /** The most asked-about duties on each side, linked to their entries. */
  aws: EntryRef[];
  customer: EntryRef[];
  shared: EntryRef[];
}

export interface ModelView {
  id: ModelId;
  name: string;
  summary: string;
  aws: string[];
  customer: string[];
  examples: Array<{ id: string; name: string }>;
}

export interface ModelDetail {
  kind: "models";
  /** One model when the question named it, else all three. */
  models: ModelView[];
  /** What `model <name>` was given when it names no service model, as typed (user text: escape it). */
  unknown?: string;
}

export interface ControlsDetail {
  kind: "controls";
  controls: Array<{ id: string; name: string; summary: string; aws: string; customer: string }>;
}

export interface CompareRow {
  service: { id: string; name: string; model: ModelId; summary: string };
  owner: Owner | null;
  entry: EntryRef | null;
}

export interface CompareDetail {
  kind: "compare";
  /** Null when services are compared as a whole: rows then carry no owner, only each service's summary. */
  topic: Category | null;
  topicName: string;
  rows: CompareRow[];
  /** True when no services were named and the usual ones (one of each model) were chosen. */
  defaulted: boolean;
  /** Services named but beyond what one comparison shows, in the order they were named. */
  leftOut: Array<{ id: string; name: string }>;
}

export interface HelpDetail {
  kind: "help";
  examples: string[];
  commands: Array<{ command: string; description: string }>;
}

/** For quiz and leaderboard: the engine only recognises them; the quiz service answers. */
export interface CommandDetail {
  kind: "command";
  command: "quiz" | "leaderboard";
}

export interface FallbackDetail {
  kind: "fallback";
  reason: "empty" | "out_of_scope" | "low_confidence";
  /** What `service <name>` was given when it names no service we know, as typed (user text: escape it). */
  unknownService?: string;
}

export type AnswerDetail =
  | EntryDetail
  | ServiceDetail
  | ModelDetail
  | ControlsDetail
  | CompareDetail
  | HelpDetail
  | CommandDetail
  | FallbackDetail;

/** The engine's whole reply: platform-neutral, plain data that every renderer reads. */
export interface Answer {
  /** The question as the engine understood it, with chat mark-up removed. */
  question: string;
  intent: IntentName;
  owner: Owner | null;
  service: string | null;
  model: ModelId | null;
  /** The layer of the stack a who_owns answer is about (answer contract); null for every other answer. */
  layer: LayerId | null;
  entry: string | null;
  confidence: number;
  /** Up to three questions to offer as "did you mean" (fallback) or "you could also ask". */
  suggestions: string[];
  /** One sentence that stands alone: notifications, screen readers, the CLI's first line. */
  headline: string;
  detail: AnswerDetail;
}

export const OWNER_LABEL: Record<Owner, string> = { aws: "AWS", customer: "Customer", shared: "Shared" };
