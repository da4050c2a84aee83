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
  /** Where in the file, for text that is not valid JSON (1-based). */
  line?: number;
  column?: number;
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
    // file:line:column is what terminals and editors turn into a link to the spot.
    const file = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
    const where = [file, p.entry && `entry "${p.entry}"`, p.field && `field "${p.field}"`]
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

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: before.length - lastBreak };
}

/** JSON.parse's complaint with the position turned into line and column (Node 20 gives only the offset). */
function jsonProblem(file: string, text: string, err: Error): Problem {
  const at = /\s*in JSON at position (\d+)(?:\s*\(line \d+ column \d+\))?/.exec(err.message);
  const offset = at ? Number(at[1]) : text.length;
  const reason = (at ? err.message.replace(at[0], "") : err.message).replace(
    /^Unexpected end of JSON input$/,
    "the file ends too early",
  );
  return { file, ...lineColumn(text, offset), message: `not valid JSON: ${reason}` };
}

/** Whether the last key of a path exists at all in parsed JSON. */
function present(raw: unknown, path: readonly PropertyKey[]): boolean {
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key as string)) return false;
    value = (value as Record<string, unknown>)[key as string];
  }
  return true;
}

/** What load.ts reads of a zod issue. */
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: string;
}

/** zod's wording, said for people editing JSON: a field that is not there is "missing". */
function issueMessage(issue: Issue, raw: unknown): string {
  if (issue.code === "invalid_type" && !present(raw, issue.path)) {
    const what = issue.expected === "array" ? "list" : issue.expected;
    return what ? `missing (expected ${/^[aeiou]/.test(what) ? "an" : "a"} ${what})` : "missing";
  }
  return issue.message;
}

const nameOf = (item: unknown): string | undefined => {
  if (!item || typeof item !== "object") return undefined;
  const { id, name } = item as { id?: unknown; name?: unknown };
  return typeof id === "string" ? id : typeof name === "string" ? name : undefined;
};

/** What invalid items declared: a reference to an item that is itself invalid is not reported twice. */
interface Declared {
  /** Ids of entries and of services that failed their own check. */
  entries: Set<string>;
  services: Set<string>;
  /** Files (shown paths) that had a problem of their own. */
  broken: Set<string>;
  /** Service ids named by entries that failed their own check. */
  entryServices: Set<string>;
  /** An entries or services file that is not even JSON hides its ids: references to that kind go unchecked. */
  unreadable: Set<"entries" | "services">;
}

/**
 * Reads and validates every knowledge file; throws one KnowledgeError listing every problem found: JSON
 * syntax, each invalid item of every file, and references between files, all in one round.
 */
export function loadKnowledge(opts: LoadOptions): KnowledgeBase {
  const problems: Problem[] = [];
  const root = opts.root ?? process.cwd();
  const show = (file: string) => relative(root, file) || file;
  const declared: Declared = {
    entries: new Set(),
    services: new Set(),
    broken: new Set(),
    entryServices: new Set(),
    unreadable: new Set(),
  };

  function parse(file: string): { ok: true; raw: unknown } | { ok: false } {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
      problems.push({ file: show(file), message: missing ? "file is missing" : (err as Error).message });
      declared.broken.add(show(file));
      return { ok: false };
    }
    try {
      return { ok: true, raw: JSON.parse(text) };
    } catch (err) {
      problems.push(jsonProblem(show(file), text, err as Error));
      declared.broken.add(show(file));
      return { ok: false };
    }
  }

  function report(file: string, raw: unknown, issues: readonly Issue[], prefix: PropertyKey[] = []): void {
    declared.broken.add(show(file));
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      const [index, ...rest] = path;
      const item = typeof index === "number" && Array.isArray(raw) ? raw[index] : undefined;
      problems.push({
        file: show(file),
        entry: nameOf(item) ?? (index === undefined ? undefined : `#${String(index)}`),
        field: rest.length ? rest.join(".") : undefined,
        message: issueMessage({ ...issue, path }, raw),
      });
    }
  }

  /** A file holding one list: each item is checked on its own, so one bad item does not hide the rest. */
  function readList<T extends z.ZodType>(
    file: string,
    item: T,
    kind?: "entries" | "services",
    /** Called with each item that fails its check. */
    onInvalid?: (raw: unknown) => void,
  ): Array<z.infer<T>> {
    const parsed = parse(file);
    if (!parsed.ok) {
      if (kind) declared.unreadable.add(kind);
      return [];
    }
    const raw = parsed.raw;
    if (!Array.isArray(raw)) {
      report(file, raw, [{ code: "custom", path: [], message: "must be a list ([ … ])" }]);
      return [];
    }
    const out: Array<z.infer<T>> = [];
    raw.forEach((x, i) => {
      const result = item.safeParse(x);
      if (result.success) out.push(result.data);
      else {
        report(file, raw, result.error.issues, [i]);
        onInvalid?.(x);
      }
    });
    return out;
  }

  function readObject<T extends z.ZodType>(file: string, schema: T): z.infer<T> | undefined {
    const parsed = parse(file);
    if (!parsed.ok) return undefined;
    const result = schema.safeParse(parsed.raw);
    if (result.success) return result.data;
    report(file, parsed.raw, result.error.issues);
    return undefined;
  }

  const jsonFiles = (dir: string) => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
        .sort()
        .map((f) => join(dir, f));
    } catch {
      problems.push({ file: show(dir), message: "folder is missing" });
      declared.broken.add(show(dir));
      return [];
    }
  };

  // Services and scenarios: the main file plus one file per area in the folder of the same name.
  const withArea = (name: string) => {
    const folder = join(opts.dataDir, name);
    return [join(opts.dataDir, `${name}.json`), ...(existsSync(folder) ? jsonFiles(folder) : [])];
  };
  const entriesDir = join(opts.dataDir, "entries");
  const entryFiles = jsonFiles(entriesDir);
  // An invalid entry's id and services still count as declared: the entry's own problem is the one to fix.
  const invalidEntry = (x: unknown) => {
    const id = nameOf(x);
    if (id) declared.entries.add(id);
    const services = (x as { services?: unknown } | null)?.services;
    if (Array.isArray(services))
      for (const s of services) if (typeof s === "string") declared.entryServices.add(s);
  };
  const invalidService = (x: unknown) => {
    const id = nameOf(x);
    if (id) declared.services.add(id);
  };
  const entriesByFile = entryFiles.map((f) => ({
    file: show(f),
    entries: readList(f, EntriesFileSchema.element, "entries", invalidEntry),
  }));
  const servicesByFile = withArea("services").map((f) => ({
    file: show(f),
    services: readList(f, ServicesFileSchema.element, "services", invalidService),
  }));
  const layersFile = join(opts.dataDir, "layers.json");
  const lexicon = readObject(join(opts.intentsDir, LEXICON_FILE), LexiconSchema);
  const kb: KnowledgeBase = {
    entries: entriesByFile.flatMap((f) => f.entries),
    services: servicesByFile.flatMap((f) => f.services),
    models: readList(join(opts.dataDir, "models.json"), ModelsFileSchema.element),
    controls: readList(join(opts.dataDir, "controls.json"), ControlsFileSchema.element),
    scenarios: withArea("scenarios").flatMap((f) => readList(f, ScenariosFileSchema.element)),
    layers: readList(layersFile, LayersFileSchema.element),
    lexicon: (lexicon ?? {}) as Lexicon,
    intents: jsonFiles(opts.intentsDir)
      .filter((f) => !f.endsWith(LEXICON_FILE))
      .flatMap((f) => readList(f, IntentsFileSchema.element)),
  };
  const fileOf = new Map<string, string>();
  for (const { file, entries } of entriesByFile) for (const e of entries) fileOf.set(e.id, file);
  const serviceFileOf = new Map<string, string>();
  for (const { file, services } of servicesByFile) for (const x of services) serviceFileOf.set(x.id, file);
  problems.push(
    ...crossCheck(kb, {
      entryFile: (id) => fileOf.get(id) ?? show(entriesDir),
      serviceFile: (id) => serviceFileOf.get(id) ?? show(join(opts.dataDir, "services.json")),
      dataDir: opts.dataDir,
      show,
      intentsDir: opts.intentsDir,
      declared,
      lexiconValid: lexicon !== undefined,
      entriesValid: ![show(entriesDir), ...entryFiles.map(show)].some((f) => declared.broken.has(f)),
      layersValid: !declared.broken.has(show(layersFile)),
    }),
  );
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

interface CrossCheckContext {
  entryFile: (id: string) => string;
  serviceFile: (id: string) => string;
  dataDir: string;
  show: (f: string) => string;
  intentsDir: string;
  declared: Declared;
  lexiconValid: boolean;
  entriesValid: boolean;
  layersValid: boolean;
}

/**
 * Checks that references between files resolve; schema checks cannot see across files. Runs on the items
 * that passed their own check, and counts the ids of those that did not as declared, so one mistake is
 * reported once.
 */
function crossCheck(kb: KnowledgeBase, ctx: CrossCheckContext): Problem[] {
  const { entryFile, serviceFile, dataDir, show, intentsDir, declared } = ctx;
  // An id counts as known when a valid item has it, an invalid one declares it, or its files could not be read.
  const knownEntry = (id: string) =>
    entryIds.has(id) || declared.entries.has(id) || declared.unreadable.has("entries");
  const knownService = (id: string) =>
    serviceIds.has(id) || declared.services.has(id) || declared.unreadable.has("services");
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
      if (!knownService(s))
        problems.push({
          file: entryFile(e.id),
          entry: e.id,
          field: `services.${i}`,
          message: `unknown service "${s}"`,
        });
    });
    e.related.forEach((r, i) => {
      if (!knownEntry(r))
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
    if (!used.has(s.id) && !declared.entryServices.has(s.id) && ctx.entriesValid)
      problems.push({ file: serviceFile(s.id), entry: s.id, message: "no entry concerns this service" });
  if (ctx.lexiconValid) problems.push(...lexiconRepeats(kb.lexicon, show(join(intentsDir, LEXICON_FILE))));
  const layersFile = show(join(dataDir, "layers.json"));
  const ruled = new Set(kb.layers.map((l) => l.id));
  for (const id of LAYER_IDS)
    if (!ruled.has(id) && ctx.layersValid)
      problems.push({ file: layersFile, entry: id, message: "layer has no rule" });
  for (const m of kb.models)
    m.examples.forEach((s, i) => {
      if (!knownService(s))
        problems.push({
          file: show(join(dataDir, "models.json")),
          entry: m.id,
          field: `examples.${i}`,
          message: `unknown service "${s}"`,
        });
    });
  for (const c of kb.controls)
    c.entries.forEach((r, i) => {
      if (!knownEntry(r))
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
    if (q.entry && !knownEntry(q.entry))
      problems.push({
        file: show(join(dataDir, "scenarios.json")),
        entry: q.id,
        field: "entry",
        message: `unknown entry "${q.entry}"`,
      });
  return problems;
}
