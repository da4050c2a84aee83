import type { Entry, ModelId } from "../knowledge/schema.js";
import type { Answer } from "./answer.js";
import type { Situation } from "./situation.js";

/** How the engine read and decided one question: what `srm-bot explain` shows, and what `ask` answers. */
export interface Explanation {
  reading: {
    words: string[];
    services: string[];
    unknownService: string | null;
    models: ModelId[];
    asks: string[];
    duty: string | null;
    layer: string | null;
    layers: Array<{ layer: string; score: number }>;
    framing: string;
    offTopic: number;
    residual: string[];
  };
  candidates: Array<{ entry: string; owner: string; layer: string | null; score: number }>;
  ruling: { layer: string; owner: string; service: string | null; override: boolean } | null;
  threshold: number;
  rule: string;
  answer: Answer;
}

/** The explanation of one decision, from the situation the rules saw. */
export function explanation(
  s: Situation,
  entries: readonly Entry[],
  threshold: number,
  rule: string,
  answer: Answer,
): Explanation {
  const { reading } = s;
  const a = reading.analysis;
  return {
    reading: {
      words: a.words,
      services: reading.services.map((x) => x.id),
      unknownService: reading.unknownService,
      models: reading.models,
      asks: [...reading.asks],
      duty: reading.duty?.id ?? null,
      layer: reading.layer,
      layers: reading.layers.map((l) => ({ layer: l.layer, score: round(l.score) })),
      framing: reading.framing,
      offTopic: reading.offTopic,
      residual: reading.residual.map((i) => a.words[i] as string),
    },
    candidates: s.ranked.slice(0, 5).map((x) => {
      const e = entries[x.target] as Entry;
      return { entry: e.id, owner: e.owner, layer: e.layer, score: round(x.score) };
    }),
    ruling: s.ruling
      ? {
          layer: s.ruling.layer.id,
          owner: s.ruling.owner,
          service: s.ruling.service?.id ?? null,
          override: !!s.ruling.override,
        }
      : null,
    threshold,
    rule,
    answer,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
