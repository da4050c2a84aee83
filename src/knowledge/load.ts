import { existsSync } from "node:fs";
import { join } from "node:path";
import { crossCheck } from "./cross-check.js";
import { KnowledgeError } from "./problems.js";
import { KnowledgeFiles, nameOf } from "./read-files.js";
import {
  ControlsFileSchema,
  EntriesFileSchema,
  IntentsFileSchema,
  type KnowledgeBase,
  LayersFileSchema,
  type Lexicon,
  LexiconSchema,
  ModelsFileSchema,
  ScenariosFileSchema,
  ServicesFileSchema,
} from "./schema.js";

export { formatProblems, KnowledgeError, type Problem } from "./problems.js";
export { lineColumn } from "./read-files.js";

/** The words questions are read by live beside the intents, in this file. */
export const LEXICON_FILE = "lexicon.json";

export interface LoadOptions {
  /** Folder holding services.json, models.json, controls.json, scenarios.json and entries/. */
  dataDir: string;
  intentsDir: string;
  /** Paths in problems are shown relative to this folder. */
  root?: string;
}

/**
 * Reads and validates every knowledge file; throws one KnowledgeError listing every problem found: JSON
 * syntax, each invalid item of every file, and references between files, all in one round.
 */
export function loadKnowledge(opts: LoadOptions): KnowledgeBase {
  const files = new KnowledgeFiles(opts.root ?? process.cwd());
  // Services and scenarios: the main file plus one file per area in the folder of the same name.
  const withArea = (name: string) => {
    const folder = join(opts.dataDir, name);
    return [join(opts.dataDir, `${name}.json`), ...(existsSync(folder) ? files.jsonFiles(folder) : [])];
  };
  const entriesDir = join(opts.dataDir, "entries");
  const entryFiles = files.jsonFiles(entriesDir);
  // An invalid entry's id and services still count as declared: the entry's own problem is the one to fix.
  const invalidEntry = (x: unknown) => {
    const id = nameOf(x);
    if (id) files.declared.entries.add(id);
    const services = (x as { services?: unknown } | null)?.services;
    if (Array.isArray(services))
      for (const s of services) if (typeof s === "string") files.declared.entryServices.add(s);
  };
  const invalidService = (x: unknown) => {
    const id = nameOf(x);
    if (id) files.declared.services.add(id);
  };
  const entriesByFile = entryFiles.map((f) => ({
    file: files.show(f),
    entries: files.readList(f, EntriesFileSchema.element, "entries", invalidEntry),
  }));
  const servicesByFile = withArea("services").map((f) => ({
    file: files.show(f),
    services: files.readList(f, ServicesFileSchema.element, "services", invalidService),
  }));
  const layersFile = join(opts.dataDir, "layers.json");
  const lexicon = files.readObject(join(opts.intentsDir, LEXICON_FILE), LexiconSchema);
  const kb: KnowledgeBase = {
    entries: entriesByFile.flatMap((f) => f.entries),
    services: servicesByFile.flatMap((f) => f.services),
    models: files.readList(join(opts.dataDir, "models.json"), ModelsFileSchema.element),
    controls: files.readList(join(opts.dataDir, "controls.json"), ControlsFileSchema.element),
    scenarios: withArea("scenarios").flatMap((f) => files.readList(f, ScenariosFileSchema.element)),
    layers: files.readList(layersFile, LayersFileSchema.element),
    lexicon: (lexicon ?? {}) as Lexicon,
    intents: files
      .jsonFiles(opts.intentsDir)
      .filter((f) => !f.endsWith(LEXICON_FILE))
      .flatMap((f) => files.readList(f, IntentsFileSchema.element)),
  };
  const fileOf = new Map<string, string>();
  for (const { file, entries } of entriesByFile) for (const e of entries) fileOf.set(e.id, file);
  const serviceFileOf = new Map<string, string>();
  for (const { file, services } of servicesByFile) for (const x of services) serviceFileOf.set(x.id, file);
  files.problems.push(
    ...crossCheck(kb, {
      entryFile: (id) => fileOf.get(id) ?? files.show(entriesDir),
      serviceFile: (id) => serviceFileOf.get(id) ?? files.show(join(opts.dataDir, "services.json")),
      dataDir: opts.dataDir,
      show: (f) => files.show(f),
      lexiconFile: files.show(join(opts.intentsDir, LEXICON_FILE)),
      declared: files.declared,
      lexiconValid: lexicon !== undefined,
      entriesValid: ![files.show(entriesDir), ...entryFiles.map((f) => files.show(f))].some((f) =>
        files.declared.broken.has(f),
      ),
      layersValid: !files.declared.broken.has(files.show(layersFile)),
    }),
  );
  if (files.problems.length) throw new KnowledgeError(files.problems);
  return kb;
}
