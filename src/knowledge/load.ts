import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { z } from "zod";
import {
  ControlsFileSchema,
  EntriesFileSchema,
  IntentsFileSchema,
  type KnowledgeBase,
  LAYER_IDS,
  LayersFileSchema,
  type Lexicon,
  LexiconSchema,
  ModelsFileSchema,
  ScenariosFileSchema,
  ServicesFileSchema,
} from "./schema.js";

export interface Problem {
  file: string;
  /** The entry's id when it has one, else its position in the file. */
  entry?: string;
  /** Dotted path of the field inside the entry. */
  field?: string;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "KnowledgeError";
  }
}

export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => {
    const where = [p.file, p.entry && `entry "${p.entry}"`, p.field && `field "${p.field}"`]
      .filter(Boolean)
      .join(", ");
    return `  - ${where}: ${p.message}`;
  });
  return `Knowledge base is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`;
}

/** The words questions are read by live beside the intents, in this file. */
export const LEXICON_FILE = "lexicon.json";

export interface LoadOptions {
  /** Folder holding services.json, models.json, controls.json, scenarios.json and entries/. */
  dataDir: string;
  intentsDir: string;
  /** Paths in problems are shown relative to this folder. */
  root?: string;
}

/** Reads and validates every knowledge file; throws one KnowledgeError listing every problem found. */
export function loadKnowledge(opts: LoadOptions): KnowledgeBase {
  const problems: Problem[] = [];
  const root = opts.root ?? process.cwd();
  const show = (file: string) => relative(root, file) || file;

  function read<T extends z.ZodType>(file: string, schema: T): z.infer<T> | [] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      const message =
        (err as NodeJS.ErrnoException).code === "ENOENT"
          ? "file is missing"
          : `not valid JSON (${(err as Error).message})`;
      problems.push({ file: show(file), message });
      return [];
    }
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const [index, ...rest] = issue.path;
      const item = typeof index === "number" && Array.isArray(raw) ? raw[index] : undefined;
      const itemId =
        item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string"
          ? (item as { id: string }).id
          : item && typeof item === "object" && typeof (item as { name?: unknown }).name === "string"
            ? (item as { name: string }).name
            : index === undefined
              ? undefined
              : `#${String(index)}`;
      problems.push({
        file: show(file),
        entry: itemId,
        field: rest.length ? rest.join(".") : undefined,
        message: issue.message,
      });
    }
    return [];
  }

  const jsonFiles = (dir: string) => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
        .sort()
        .map((f) => join(dir, f));
    } catch {
      problems.push({ file: show(dir), message: "folder is missing" });
      return [];
    }
  };

  // Services and scenarios: the main file plus one file per area in the folder of the same name.
  const withArea = (name: string) => {
    const folder = join(opts.dataDir, name);
    return [join(opts.dataDir, `${name}.json`), ...(existsSync(folder) ? jsonFiles(folder) : [])];
  };
  const entryFiles = jsonFiles(join(opts.dataDir, "entries"));
  const entriesByFile = entryFiles.map((f) => ({ file: show(f), entries: read(f, EntriesFileSchema) }));
  const servicesByFile = withArea("services").map((f) => ({
    file: show(f),
    services: read(f, ServicesFileSchema),
  }));
  const kb: KnowledgeBase = {
    entries: entriesByFile.flatMap((f) => f.entries),
    services: servicesByFile.flatMap((f) => f.services),
    models: read(join(opts.dataDir, "models.json"), ModelsFileSchema),
    controls: read(join(opts.dataDir, "controls.json"), ControlsFileSchema),
    scenarios: withArea("scenarios").flatMap((f) => read(f, ScenariosFileSchema)),
    layers: read(join(opts.dataDir, "layers.json"), LayersFileSchema),
    lexicon: read(join(opts.intentsDir, LEXICON_FILE), LexiconSchema) as Lexicon,
    intents: jsonFiles(opts.intentsDir)
      .filter((f) => !f.endsWith(LEXICON_FILE))
      .flatMap((f) => read(f, IntentsFileSchema)),
  };
  if (problems.length === 0) {
    const fileOf = new Map<string, string>();
    for (const { file, entries } of entriesByFile) for (const e of entries) fileOf.set(e.id, file);
    const serviceFileOf = new Map<string, string>();
    for (const { file, services } of servicesByFile) for (const x of services) serviceFileOf.set(x.id, file);
    problems.push(
      ...crossCheck(
        kb,
        (id) => fileOf.get(id) ?? "data/entries",
        (id) => serviceFileOf.get(id) ?? show(join(opts.dataDir, "services.json")),
        opts.dataDir,
        show,
        opts.intentsDir,
      ),
    );
  }
  if (problems.length) throw new KnowledgeError(problems);
  return kb;
}

/** A layer cue listed twice, or under two layers, makes the reading depend on list order: say where. */
function lexiconRepeats(lex: Lexicon, file: string): Problem[] {
  const where = new Map<string, string>();
  const problems: Problem[] = [];
  const note = (phrase: string, place: string) => {
    const key = phrase.toLowerCase();
    const first = where.get(key);
    if (first) problems.push({ file, entry: place, message: `"${phrase}" is also listed in ${first}` });
    else where.set(key, place);
  };
  for (const [layer, cues] of Object.entries(lex.layers)) {
    for (const p of cues.strong) note(p, `layers.${layer}.strong`);
    for (const p of cues.weak) note(p, `layers.${layer}.weak`);
  }
  for (const p of lex.platformSoftware) note(p, "platformSoftware");
  for (const side of ["customer", "aws"] as const) {
    const seen = new Set<string>();
    for (const p of lex.sides[side])
      if (seen.has(p)) problems.push({ file, entry: `sides.${side}`, message: `"${p}" is listed twice` });
      else seen.add(p);
  }
  return problems;
}

/** Checks that references between files resolve; schema checks cannot see across files. */
function crossCheck(
  kb: KnowledgeBase,
  entryFile: (id: string) => string,
  serviceFile: (id: string) => string,
  dataDir: string,
  show: (f: string) => string,
  intentsDir: string,
): Problem[] {
  const problems: Problem[] = [];
  const entryIds = new Set<string>();
  for (const e of kb.entries) {
    if (entryIds.has(e.id))
      problems.push({ file: entryFile(e.id), entry: e.id, field: "id", message: "id is used twice" });
    entryIds.add(e.id);
  }
  const serviceIds = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const s of kb.services) {
    if (serviceIds.has(s.id))
      problems.push({ file: serviceFile(s.id), entry: s.id, field: "id", message: "id is used twice" });
    serviceIds.add(s.id);
    for (const [i, alias] of s.aliases.entries()) {
      const key = alias.toLowerCase();
      const other = aliasOwner.get(key);
      if (other && other !== s.id)
        problems.push({
          file: serviceFile(s.id),
          entry: s.id,
          field: `aliases.${i}`,
          message: `alias "${alias}" is also an alias of ${other}`,
        });
      aliasOwner.set(key, s.id);
    }
  }
  const used = new Set<string>();
  for (const e of kb.entries) {
    e.services.forEach((s, i) => {
      used.add(s);
      if (!serviceIds.has(s))
        problems.push({
          file: entryFile(e.id),
          entry: e.id,
          field: `services.${i}`,
          message: `unknown service "${s}"`,
        });
    });
    e.related.forEach((r, i) => {
      if (!entryIds.has(r))
        problems.push({
          file: entryFile(e.id),
          entry: e.id,
          field: `related.${i}`,
          message: `unknown entry "${r}"`,
        });
      else if (r === e.id)
        problems.push({
          file: entryFile(e.id),
          entry: e.id,
          field: `related.${i}`,
          message: "an entry cannot relate to itself",
        });
    });
  }
  for (const s of kb.services)
    if (!used.has(s.id))
      problems.push({ file: serviceFile(s.id), entry: s.id, message: "no entry concerns this service" });
  problems.push(...lexiconRepeats(kb.lexicon, show(join(intentsDir, LEXICON_FILE))));
  const layersFile = show(join(dataDir, "layers.json"));
  const ruled = new Set(kb.layers.map((l) => l.id));
  for (const id of LAYER_IDS)
    if (!ruled.has(id)) problems.push({ file: layersFile, entry: id, message: "layer has no rule" });
  for (const m of kb.models)
    m.examples.forEach((s, i) => {
      if (!serviceIds.has(s))
        problems.push({
          file: show(join(dataDir, "models.json")),
          entry: m.id,
          field: `examples.${i}`,
          message: `unknown service "${s}"`,
        });
    });
  for (const c of kb.controls)
    c.entries.forEach((r, i) => {
      if (!entryIds.has(r))
        problems.push({
          file: show(join(dataDir, "controls.json")),
          entry: c.id,
          field: `entries.${i}`,
          message: `unknown entry "${r}"`,
        });
    });
  const scenarioIds = new Set<string>();
  for (const q of kb.scenarios) {
    if (scenarioIds.has(q.id))
      problems.push({
        file: show(join(dataDir, "scenarios")),
        entry: q.id,
        field: "id",
        message: "id is used twice",
      });
    scenarioIds.add(q.id);
  }
  for (const q of kb.scenarios)
    if (q.entry && !entryIds.has(q.entry))
      problems.push({
        file: show(join(dataDir, "scenarios.json")),
        entry: q.id,
        field: "entry",
        message: `unknown entry "${q.entry}"`,
      });
  return problems;
}
