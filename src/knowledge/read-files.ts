import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { z } from "zod";
import type { Problem } from "./problems.js";

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

export const nameOf = (item: unknown): string | undefined => {
  if (!item || typeof item !== "object") return undefined;
  const { id, name } = item as { id?: unknown; name?: unknown };
  return typeof id === "string" ? id : typeof name === "string" ? name : undefined;
};

/** What invalid items declared: a reference to an item that is itself invalid is not reported twice. */
export interface Declared {
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

/** Reads knowledge files, collecting every problem instead of stopping at the first. */
export class KnowledgeFiles {
  readonly problems: Problem[] = [];
  readonly declared: Declared = {
    entries: new Set(),
    services: new Set(),
    broken: new Set(),
    entryServices: new Set(),
    unreadable: new Set(),
  };
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** A path as shown in problems: relative to the root. */
  show(file: string): string {
    return relative(this.root, file) || file;
  }

  parse(file: string): { ok: true; raw: unknown } | { ok: false } {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
      this.problems.push({
        file: this.show(file),
        message: missing ? "file is missing" : (err as Error).message,
      });
      this.declared.broken.add(this.show(file));
      return { ok: false };
    }
    try {
      return { ok: true, raw: JSON.parse(text) };
    } catch (err) {
      this.problems.push(jsonProblem(this.show(file), text, err as Error));
      this.declared.broken.add(this.show(file));
      return { ok: false };
    }
  }

  report(file: string, raw: unknown, issues: readonly Issue[], prefix: PropertyKey[] = []): void {
    this.declared.broken.add(this.show(file));
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      const [index, ...rest] = path;
      const item = typeof index === "number" && Array.isArray(raw) ? raw[index] : undefined;
      this.problems.push({
        file: this.show(file),
        entry: nameOf(item) ?? (index === undefined ? undefined : `#${String(index)}`),
        field: rest.length ? rest.join(".") : undefined,
        message: issueMessage({ ...issue, path }, raw),
      });
    }
  }

  /** A file holding one list: each item is checked on its own, so one bad item does not hide the rest. */
  readList<T extends z.ZodType>(
    file: string,
    item: T,
    kind?: "entries" | "services",
    /** Called with each item that fails its check. */
    onInvalid?: (raw: unknown) => void,
  ): Array<z.infer<T>> {
    const parsed = this.parse(file);
    if (!parsed.ok) {
      if (kind) this.declared.unreadable.add(kind);
      return [];
    }
    const raw = parsed.raw;
    if (!Array.isArray(raw)) {
      this.report(file, raw, [{ code: "custom", path: [], message: "must be a list ([ … ])" }]);
      return [];
    }
    const out: Array<z.infer<T>> = [];
    raw.forEach((x, i) => {
      const result = item.safeParse(x);
      if (result.success) out.push(result.data);
      else {
        this.report(file, raw, result.error.issues, [i]);
        onInvalid?.(x);
      }
    });
    return out;
  }

  readObject<T extends z.ZodType>(file: string, schema: T): z.infer<T> | undefined {
    const parsed = this.parse(file);
    if (!parsed.ok) return undefined;
    const result = schema.safeParse(parsed.raw);
    if (result.success) return result.data;
    this.report(file, parsed.raw, result.error.issues);
    return undefined;
  }

  jsonFiles(dir: string): string[] {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
        .sort()
        .map((f) => join(dir, f));
    } catch {
      this.problems.push({ file: this.show(dir), message: "folder is missing" });
      this.declared.broken.add(this.show(dir));
      return [];
    }
  }
}
