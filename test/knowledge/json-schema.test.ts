import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSchemaText, SCHEMA_FILES } from "../../src/knowledge/json-schema.js";
import { projectRoot } from "../../src/knowledge/paths.js";

describe("committed JSON Schemas", () => {
  it.each(SCHEMA_FILES.map(([file, schema]) => [file, schema] as const))(
    "%s matches the zod schema (run npm run data:schema)",
    (file, schema) => {
      expect(readFileSync(join(projectRoot, file), "utf8")).toBe(jsonSchemaText(schema));
    },
  );
});
