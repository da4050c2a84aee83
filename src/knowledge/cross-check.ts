import { join } from "node:path";
import type { Problem } from "./problems.js";
import type { Declared } from "./read-files.js";
import { type KnowledgeBase, LAYER_IDS, type Lexicon } from "./schema.js";

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
  for (const p of lex.instanceSoftware) note(p, "instanceSoftware");
  for (const side of ["customer", "aws"] as const) {
    const seen = new Set<string>();
    for (const p of lex.sides[side])
      if (seen.has(p)) problems.push({ file, entry: `sides.${side}`, message: `"${p}" is listed twice` });
      else seen.add(p);
  }
  return problems;
}

export interface CrossCheckContext {
  entryFile: (id: string) => string;
  serviceFile: (id: string) => string;
  dataDir: string;
  show: (f: string) => string;
  /** The lexicon file, as shown in problems. */
  lexiconFile: string;
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
export function crossCheck(kb: KnowledgeBase, ctx: CrossCheckContext): Problem[] {
  const problems: Problem[] = [];
  const entryIds = uniqueIds(kb.entries, ctx.entryFile, problems);
  const serviceIds = uniqueIds(kb.services, ctx.serviceFile, problems);
  problems.push(...aliasProblems(kb, ctx));
  const { declared } = ctx;
  // An id counts as known when a valid item has it, an invalid one declares it, or its files could not be read.
  const known: Known = {
    entry: (id) => entryIds.has(id) || declared.entries.has(id) || declared.unreadable.has("entries"),
    service: (id) => serviceIds.has(id) || declared.services.has(id) || declared.unreadable.has("services"),
  };
  problems.push(...entryReferenceProblems(kb, ctx, known), ...otherReferenceProblems(kb, ctx, known));
  return problems;
}

interface Known {
  entry: (id: string) => boolean;
  service: (id: string) => boolean;
}

/** The ids of `items`, each one used twice reported in the file `fileOf` names. */
function uniqueIds(
  items: ReadonlyArray<{ id: string }>,
  fileOf: (id: string) => string,
  problems: Problem[],
) {
  const ids = new Set<string>();
  for (const x of items) {
    if (ids.has(x.id))
      problems.push({ file: fileOf(x.id), entry: x.id, field: "id", message: "id is used twice" });
    ids.add(x.id);
  }
  return ids;
}

function aliasProblems(kb: KnowledgeBase, ctx: CrossCheckContext): Problem[] {
  const problems: Problem[] = [];
  const aliasOwner = new Map<string, string>();
  for (const s of kb.services)
    for (const [i, alias] of s.aliases.entries()) {
      const key = alias.toLowerCase();
      const other = aliasOwner.get(key);
      if (other && other !== s.id)
        problems.push({
          file: ctx.serviceFile(s.id),
          entry: s.id,
          field: `aliases.${i}`,
          message: `alias "${alias}" is also an alias of ${other}`,
        });
      aliasOwner.set(key, s.id);
    }
  return problems;
}

/** Entries name services and related entries; every service should be named by some entry. */
function entryReferenceProblems(kb: KnowledgeBase, ctx: CrossCheckContext, known: Known): Problem[] {
  const { entryFile, serviceFile, declared } = ctx;
  const problems: Problem[] = [];
  const used = new Set<string>();
  for (const e of kb.entries) {
    e.services.forEach((s, i) => {
      used.add(s);
      if (!known.service(s))
        problems.push({
          file: entryFile(e.id),
          entry: e.id,
          field: `services.${i}`,
          message: `unknown service "${s}"`,
        });
    });
    e.related.forEach((r, i) => {
      const message = !known.entry(r)
        ? `unknown entry "${r}"`
        : r === e.id
          ? "an entry cannot relate to itself"
          : null;
      if (message) problems.push({ file: entryFile(e.id), entry: e.id, field: `related.${i}`, message });
    });
  }
  for (const s of kb.services)
    s.variants.forEach((v, i) => {
      if (v.answeredAs && !known.service(v.answeredAs))
        problems.push({
          file: serviceFile(s.id),
          entry: s.id,
          field: `variants.${i}.answeredAs`,
          message: `unknown service "${v.answeredAs}"`,
        });
      v.leaves.forEach((r, j) => {
        if (!known.entry(r))
          problems.push({
            file: serviceFile(s.id),
            entry: s.id,
            field: `variants.${i}.leaves.${j}`,
            message: `unknown entry "${r}"`,
          });
      });
    });
  for (const s of kb.services)
    if (!used.has(s.id) && !declared.entryServices.has(s.id) && ctx.entriesValid)
      problems.push({ file: serviceFile(s.id), entry: s.id, message: "no entry concerns this service" });
  return problems;
}

/** The lexicon, layer rules, models, shared controls and scenarios against the entries and services. */
function otherReferenceProblems(kb: KnowledgeBase, ctx: CrossCheckContext, known: Known): Problem[] {
  const { dataDir, show } = ctx;
  const problems: Problem[] = [];
  if (ctx.lexiconValid) problems.push(...lexiconRepeats(kb.lexicon, ctx.lexiconFile));
  // The lexicon's lists that name a service: each must be a service of the knowledge base.
  const lexiconServices = [
    ["impliedServices", kb.lexicon.impliedServices],
    ["partNames", kb.lexicon.partNames],
  ] as const;
  if (ctx.lexiconValid)
    for (const [list, items] of lexiconServices)
      items.forEach((x, i) => {
        if (!known.service(x.service))
          problems.push({
            file: ctx.lexiconFile,
            entry: `${list}.${i}`,
            field: "service",
            message: `unknown service "${x.service}"`,
          });
      });
  const layersFile = show(join(dataDir, "layers.json"));
  const ruled = new Set(kb.layers.map((l) => l.id));
  for (const id of LAYER_IDS)
    if (!ruled.has(id) && ctx.layersValid)
      problems.push({ file: layersFile, entry: id, message: "layer has no rule" });
  const refs = (
    file: string,
    item: { id: string },
    field: string,
    ids: string[],
    kind: "entry" | "service",
  ) =>
    ids.forEach((id, i) => {
      if (!known[kind](id))
        problems.push({
          file: show(join(dataDir, file)),
          entry: item.id,
          field: `${field}.${i}`,
          message: `unknown ${kind} "${id}"`,
        });
    });
  for (const m of kb.models) refs("models.json", m, "examples", m.examples, "service");
  for (const c of kb.controls) refs("controls.json", c, "entries", c.entries, "entry");
  uniqueIds(kb.scenarios, () => show(join(dataDir, "scenarios")), problems);
  for (const q of kb.scenarios)
    if (q.entry && !known.entry(q.entry))
      problems.push({
        file: show(join(dataDir, "scenarios.json")),
        entry: q.id,
        field: "entry",
        message: `unknown entry "${q.entry}"`,
      });
  return problems;
}
