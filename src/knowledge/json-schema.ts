import { z } from "zod";
import {
  ControlsFileSchema,
  EntriesFileSchema,
  IntentsFileSchema,
  LayersFileSchema,
  LexiconSchema,
  ModelsFileSchema,
  ScenariosFileSchema,
  ServicesFileSchema,
} from "./schema.js";

/** JSON Schemas generated from the zod schemas, committed beside the data so editors validate as you type. */
export const SCHEMA_FILES: Array<[string, z.ZodType]> = [
  ["data/entries.schema.json", EntriesFileSchema],
  ["data/services.schema.json", ServicesFileSchema],
  ["data/models.schema.json", ModelsFileSchema],
  ["data/controls.schema.json", ControlsFileSchema],
  ["data/scenarios.schema.json", ScenariosFileSchema],
  ["intents/intents.schema.json", IntentsFileSchema],
  ["data/layers.schema.json", LayersFileSchema],
  ["intents/lexicon.schema.json", LexiconSchema],
];

export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }), null, 2)}\n`;
}
