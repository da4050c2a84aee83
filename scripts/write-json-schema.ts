// Writes JSON Schemas for the data files from the same zod schemas the app validates with,
// so editors can check data/ and intents/ as you type.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import {
  ControlsFileSchema,
  EntriesFileSchema,
  IntentsFileSchema,
  ModelsFileSchema,
  ScenariosFileSchema,
  ServicesFileSchema,
} from "../src/knowledge/schema.js";

export const schemaFiles: Array<[string, z.ZodType]> = [
  ["data/entries.schema.json", EntriesFileSchema],
  ["data/services.schema.json", ServicesFileSchema],
  ["data/models.schema.json", ModelsFileSchema],
  ["data/controls.schema.json", ControlsFileSchema],
  ["data/scenarios.schema.json", ScenariosFileSchema],
  ["intents/intents.schema.json", IntentsFileSchema],
];

export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }), null, 2)}\n`;
}

const root = process.argv[2] ?? process.cwd();
for (const [file, schema] of schemaFiles) {
  writeFileSync(join(root, file), jsonSchemaText(schema));
  console.log(`wrote ${file}`);
}
