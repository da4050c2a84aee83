#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` (or `npm start`/`npm test`) produces it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../dist/src/cli/main.js", import.meta.url));
if (!existsSync(main)) {
  process.stderr.write("srm-bot is not built yet: run `npm run build` first.\n");
  process.exit(1);
}
await import(main);
