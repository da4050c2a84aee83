import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, found from this file so the CLI works from any working directory (src/ or dist/src/). */
const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = here.includes(`${join("dist", "src")}`)
  ? join(here, "..", "..", "..")
  : join(here, "..", "..");
export const defaultDataDir = join(projectRoot, "data");
export const defaultIntentsDir = join(projectRoot, "intents");
