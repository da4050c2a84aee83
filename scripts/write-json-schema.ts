// Regenerates the committed JSON Schemas (npm run data:schema) after a change to src/knowledge/schema.ts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { jsonSchemaText, SCHEMA_FILES } from "../src/knowledge/json-schema.js";
import { projectRoot } from "../src/knowledge/paths.js";

for (const [file, schema] of SCHEMA_FILES) {
  writeFileSync(join(projectRoot, file), jsonSchemaText(schema));
  console.log(`wrote ${file}`);
}
