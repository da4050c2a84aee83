import type { ModelId } from "../knowledge/schema.js";
import type { Answer } from "./answer.js";

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
